package io.contiv.exporter.inventory;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Turns netmaster's inventory into metric families, in one naming scheme. */
public interface InventoryMetricsWriter {

    List<MetricSnapshot> snapshots(NetmasterInventory inventory);

    /** Every family this writer may serve. */
    List<MetricFamily> families();
}
