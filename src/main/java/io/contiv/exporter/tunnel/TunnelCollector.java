package io.contiv.exporter.tunnel;

import io.contiv.exporter.PolledSource;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Netplugin mode, host-to-host traffic: the node's tunnels and uplinks read from OVSDB in the background, joined to
 * the hosts that own the remote VTEPs. Rebuilt when either changed; a link deleted from OVS is gone with the next
 * reading, and nothing is served while OVSDB cannot be read.
 */
public final class TunnelCollector implements PublishingCollector {

    private final PolledSource<List<HostLink>> links;
    private final VtepHosts vteps;
    private final Published published = new Published("tunnels");
    private long builtLinks = -1;
    private long builtVteps = -1;

    public TunnelCollector(PolledSource<List<HostLink>> links, VtepHosts vteps) {
        this.links = links;
        this.vteps = vteps;
    }

    @Override
    public synchronized Publication publication() {
        PolledSource.Held<List<HostLink>> held = links.current();
        held.reading().ifPresent(read -> vteps.wanted(read.stream().map(HostLink::remoteVtep)
                .filter(vtep -> !vtep.isEmpty()).collect(Collectors.toSet())));
        long vtepVersion = vteps.version();
        if (held.version() != builtLinks || vtepVersion != builtVteps) {
            published.publish(held.reading()
                    .map(read -> HostLinkMetrics.snapshots(read, vteps.hostsByVtep())).orElse(List.of()));
            builtLinks = held.version();
            builtVteps = vtepVersion;
        }
        return published.current();
    }

    @Override
    public List<String> getPrometheusNames() {
        return HostLinkMetrics.families().stream().map(MetricFamily::prometheusName).toList();
    }
}
