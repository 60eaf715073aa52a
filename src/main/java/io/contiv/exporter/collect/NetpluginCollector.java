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
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Netplugin mode: this node's OVS interfaces joined with the endpoint directory, plus the exporter's health.
 * Scrapes are served one at a time from the same inputs: a scrape that arrives while another collects waits for
 * it, then reuses its result when neither OVS nor the directory changed in between.
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
        if (rows != lastRows || directoryVersion != lastDirectoryVersion) {
            JoinResult join = EndpointJoin.join(endpoints, rows);
            noticeUnknownEndpoints(join);
            lastEndpointSnapshots = writer.snapshots(join);
            lastRows = rows;
            lastDirectoryVersion = directoryVersion;
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(lastEndpointSnapshots);
        snapshots.addAll(health.snapshots());
        snapshots.add(BuildInfo.snapshot());
        return new MetricSnapshots(snapshots);
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
