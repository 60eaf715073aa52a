package io.contiv.exporter.inventory;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import java.util.List;

/** Netmaster mode: the cluster's inventory as netmaster knows it, rebuilt when netmaster's data changed. */
public final class InventoryCollector implements PublishingCollector {

    private final NetmasterSource netmaster;
    private final InventoryMetricsWriter writer;
    private final Published published = new Published("inventory");
    private long builtVersion = -1;

    public InventoryCollector(NetmasterSource netmaster, InventoryMetricsWriter writer) {
        this.netmaster = netmaster;
        this.writer = writer;
    }

    @Override
    public synchronized Publication publication() {
        NetmasterSource.Held held = netmaster.current();
        if (held.version() != builtVersion) {
            published.publish(held.inventory().map(writer::snapshots).orElse(List.of()));
            builtVersion = held.version();
        }
        return published.current();
    }

    @Override
    public List<String> getPrometheusNames() {
        return writer.families().stream().map(MetricFamily::prometheusName).toList();
    }
}
