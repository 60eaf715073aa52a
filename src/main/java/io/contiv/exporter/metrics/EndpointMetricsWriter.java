package io.contiv.exporter.metrics;

import io.contiv.exporter.join.JoinResult;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** Turns the netplugin-mode join into metric families, in one naming scheme. */
public interface EndpointMetricsWriter {
    List<MetricSnapshot> snapshots(JoinResult join);

    static EndpointMetricsWriter forNaming(MetricNaming naming) {
        return naming == MetricNaming.LEGACY ? new LegacyEndpointMetrics() : new EndpointMetrics();
    }
}
