package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** A family published as a client library snapshot, written by the library's own writers. */
public record SnapshotFamily(MetricSnapshot snapshot) implements PublishedFamily {

    @Override
    public String prometheusName() {
        return snapshot.getMetadata().getPrometheusName();
    }
}
