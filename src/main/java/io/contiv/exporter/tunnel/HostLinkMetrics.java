package io.contiv.exporter.tunnel;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host-to-host traffic: per tunnel, labelled with the remote host and its VTEP (a node-to-node traffic matrix), and
 * per uplink in VLAN mode; bytes, packets, errors and drops each way, and whether the link is up.
 */
public final class HostLinkMetrics {

    /** The families of one kind of link: a counter per OVS statistic, and the link state. */
    record LinkFamilies(Map<String, MetricFamily> counters, MetricFamily up) {

        static LinkFamilies of(String prefix, String link, List<String> labels) {
            Map<String, MetricFamily> counters = new LinkedHashMap<>();
            for (String direction : List.of("transmit", "receive")) {
                String ovs = direction.equals("transmit") ? "tx_" : "rx_";
                String way = direction.equals("transmit") ? "sent out of this node through " : "received through ";
                counters.put(ovs + "bytes", MetricFamily.counter(prefix + direction + "_bytes",
                        "Bytes " + way + link + " (OVS " + ovs + "bytes).", labels));
                counters.put(ovs + "packets", MetricFamily.counter(prefix + direction + "_packets",
                        "Packets " + way + link + " (OVS " + ovs + "packets).", labels));
                counters.put(ovs + "errors", MetricFamily.counter(prefix + direction + "_errors",
                        direction + " errors on " + link + " (OVS " + ovs + "errors).", labels));
                counters.put(ovs + "dropped", MetricFamily.counter(prefix + direction + "_dropped",
                        "Packets dropped on their way " + (direction.equals("transmit") ? "out" : "in") + " on "
                                + link + " (OVS " + ovs + "dropped).", labels));
            }
            return new LinkFamilies(Map.copyOf(counters), MetricFamily.gauge(prefix + "link_up", "1 when " + link
                    + " is up" + (prefix.contains("tunnel") ? ": OVS has a route to the remote VTEP through an "
                    + "egress interface whose carrier is up" : "") + "; 0 when not.", labels));
        }

        List<MetricFamily> all() {
            List<MetricFamily> all = new ArrayList<>(counters.values());
            all.add(up);
            return all;
        }
    }

    static final LinkFamilies TUNNEL = LinkFamilies.of("contiv_tunnel_", "the tunnel to the remote host",
            List.of("interface", "remote_vtep", "remote_host"));
    static final LinkFamilies UPLINK = LinkFamilies.of("contiv_uplink_", "the uplink",
            List.of("interface", "port"));

    private HostLinkMetrics() {
    }

    static List<MetricFamily> families() {
        List<MetricFamily> all = new ArrayList<>(TUNNEL.all());
        all.addAll(UPLINK.all());
        return all;
    }

    static List<MetricSnapshot> snapshots(List<HostLink> links, Map<String, String> hostsByVtep) {
        Families families = new Families();
        for (HostLink link : links) {
            LinkFamilies kind;
            Labels labels;
            if (link.kind() == HostLink.Kind.TUNNEL) {
                kind = TUNNEL;
                labels = kind.up().labels(link.name(), link.remoteVtep(),
                        hostsByVtep.getOrDefault(link.remoteVtep(), ""));
            } else {
                kind = UPLINK;
                labels = kind.up().labels(link.name(), link.port());
            }
            families.add(kind.up(), labels, link.up() ? 1 : 0);
            kind.counters().forEach((key, family) -> {
                Long value = link.statistics().get(key);
                if (value != null && value >= 0) {
                    families.add(family, labels, value);
                }
            });
        }
        return families.build();
    }
}
