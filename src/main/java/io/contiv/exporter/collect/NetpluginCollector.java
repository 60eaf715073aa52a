package io.contiv.exporter.collect;

import io.contiv.exporter.join.EndpointDirectory;
import io.contiv.exporter.join.EndpointJoin;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.metrics.EndpointMetricsWriter;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** Netplugin mode: this node's OVS interfaces joined with netmaster's endpoints, plus the exporter's health. */
public final class NetpluginCollector implements MultiCollector {

    private final NetmasterSource netmaster;
    private final InterfaceSource interfaces;
    private final EndpointMetricsWriter writer;
    private final SourceHealth health;

    public NetpluginCollector(NetmasterSource netmaster, InterfaceSource interfaces, EndpointMetricsWriter writer,
                              SourceHealth health) {
        this.netmaster = netmaster;
        this.interfaces = interfaces;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public MetricSnapshots collect() {
        EndpointDirectory directory = netmaster.refresh()
                .map(NetmasterInventory::inspectedNetworks)
                .map(EndpointDirectory::fromInspects)
                .orElse(EndpointDirectory.EMPTY);
        List<OvsInterface> rows;
        try {
            rows = health.observe(Source.OVSDB, interfaces::interfaces);
        } catch (Exception e) {
            rows = List.of();
        }
        JoinResult join = EndpointJoin.join(directory, rows);
        List<MetricSnapshot> snapshots = new ArrayList<>(writer.snapshots(join));
        snapshots.addAll(health.snapshots());
        snapshots.add(BuildInfo.snapshot());
        return new MetricSnapshots(snapshots);
    }
}
