package io.contiv.exporter.metrics;

import io.contiv.exporter.netmaster.NetmasterInventory;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Turns netmaster's inventory into metric families, in one naming scheme. */
public interface InventoryMetricsWriter {
    List<MetricSnapshot> snapshots(NetmasterInventory inventory);

    static InventoryMetricsWriter forNaming(MetricNaming naming) {
        return naming == MetricNaming.LEGACY ? new LegacyInventoryMetrics() : new InventoryMetrics();
    }
}
