package io.contiv.exporter.collect;

import io.contiv.exporter.join.EndpointDirectory;
import io.contiv.exporter.join.EndpointJoin;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.metrics.EndpointMetricsWriter;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Netplugin mode: this node's OVS interfaces joined with the endpoint directory, plus the exporter's health.
 * Scrapes are served one at a time from the same inputs: a scrape that arrives while another collects waits for
 * it, then reuses its result when neither OVS nor the directory changed in between. {@link #prepare} does the
 * rebuild in the background as soon as something changed, so that scrapes rarely have to.
 */
public final class NetpluginCollector implements MultiCollector {

    private final EndpointDirectorySource directory;
    private final InterfaceSource interfaces;
    private final EndpointMetricsWriter writer;
    private final SourceHealth health;
    private final Set<String> unknownEndpointIdsSeen = new HashSet<>();

    private List<OvsInterface> lastRows;
    private long lastDirectoryVersion = -1;
    private List<MetricSnapshot> lastEndpointSnapshots = List.of();

    public NetpluginCollector(EndpointDirectorySource directory, InterfaceSource interfaces,
                              EndpointMetricsWriter writer, SourceHealth health) {
        this.directory = directory;
        this.interfaces = interfaces;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        EndpointDirectory endpoints = directory.current().orElse(EndpointDirectory.EMPTY);
        // read after current(), which brings the version up to date
        long directoryVersion = directory.version();
        List<OvsInterface> rows;
        try {
            rows = health.observe(Source.OVSDB, interfaces::interfaces);
        } catch (Exception e) {
            rows = List.of();
        }
        rebuildIfChanged(endpoints, directoryVersion, rows);
        List<MetricSnapshot> snapshots = new ArrayList<>(lastEndpointSnapshots);
        snapshots.addAll(health.snapshots());
        snapshots.add(BuildInfo.snapshot());
        return new MetricSnapshots(snapshots);
    }

    /**
     * Rebuilds the endpoint families now if OVS or the directory changed since they were last built, so that the
     * next scrape finds them ready instead of building them itself, and hands them to {@code listener} (to encode
     * them ahead of the scrape too). Meant for a background thread: it records no source health (scrapes do) and
     * leaves things as they are while OVS cannot be read.
     */
    public void prepare(Consumer<List<MetricSnapshot>> listener) {
        List<MetricSnapshot> rebuilt;
        synchronized (this) {
            EndpointDirectory endpoints = directory.current().orElse(EndpointDirectory.EMPTY);
            long directoryVersion = directory.version();
            List<OvsInterface> rows;
            try {
                rows = interfaces.interfaces();
            } catch (OvsdbException e) {
                return;
            }
            if (!rebuildIfChanged(endpoints, directoryVersion, rows)) {
                return;
            }
            rebuilt = lastEndpointSnapshots;
        }
        // outside the lock: a scrape need not wait for the encoding of families it may encode itself
        listener.accept(rebuilt);
    }

    private boolean rebuildIfChanged(EndpointDirectory endpoints, long directoryVersion, List<OvsInterface> rows) {
        if (rows == lastRows && directoryVersion == lastDirectoryVersion) {
            return false;
        }
        JoinResult join = EndpointJoin.join(endpoints, rows);
        noticeUnknownEndpoints(join);
        lastEndpointSnapshots = writer.snapshots(join);
        lastRows = rows;
        lastDirectoryVersion = directoryVersion;
        return true;
    }

    private void noticeUnknownEndpoints(JoinResult join) {
        boolean news = false;
        for (OvsInterface unknown : join.unknownEndpointInterfaces()) {
            news |= unknownEndpointIdsSeen.add(unknown.endpointId().orElse(""));
        }
        if (news) {
            directory.refreshSoon();
        }
    }
}
