package io.contiv.exporter.collect;

import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.metrics.InventoryMetricsWriter;
import io.contiv.exporter.metrics.SourceHealth;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** Netmaster mode: the cluster's inventory as netmaster knows it, plus the exporter's health. */
public final class NetmasterCollector implements MultiCollector {

    private final NetmasterSource netmaster;
    private final InventoryMetricsWriter writer;
    private final SourceHealth health;
    private long builtVersion = -1;
    private List<MetricSnapshot> inventorySnapshots = List.of();

    public NetmasterCollector(NetmasterSource netmaster, InventoryMetricsWriter writer, SourceHealth health) {
        this.netmaster = netmaster;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        NetmasterSource.Held held = netmaster.current();
        if (held.version() != builtVersion) {
            inventorySnapshots = held.inventory().map(writer::snapshots).orElse(List.of());
            builtVersion = held.version();
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(inventorySnapshots);
        snapshots.addAll(health.snapshots());
        snapshots.add(BuildInfo.snapshot());
        return new MetricSnapshots(snapshots);
    }
}
