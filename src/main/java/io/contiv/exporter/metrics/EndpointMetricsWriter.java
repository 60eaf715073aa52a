package io.contiv.exporter.metrics;

import io.contiv.exporter.join.JoinResult;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Turns the netplugin-mode join into metric families, in one naming scheme. */
public interface EndpointMetricsWriter {
    List<MetricSnapshot> snapshots(JoinResult join);

    /**
     * Interface state and the node's mismatches with netmaster; {@code comparable} is false when either side is
     * unknown. The legacy scheme serves exactly the original's series, so it has none of these.
     */
    default List<MetricSnapshot> nodeHealth(JoinResult join, boolean comparable) {
        return List.of();
    }

    static EndpointMetricsWriter forNaming(MetricNaming naming) {
        return naming == MetricNaming.LEGACY ? new LegacyEndpointMetrics() : new EndpointMetrics();
    }
}
