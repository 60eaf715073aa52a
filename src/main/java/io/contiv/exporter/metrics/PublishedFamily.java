package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * One family of a {@link Publication}. Scrapes serve families in the order of their names, as the client library
 * orders them; the client library's own handler and {@code once} read each as a snapshot.
 */
public sealed interface PublishedFamily permits SnapshotFamily, SeriesFamily {

    /** The name the exposition sorts families by: the client library's {@code getPrometheusName()}. */
    String prometheusName();

    /** The family as the client library's model (made on demand for a {@link SeriesFamily}). */
    MetricSnapshot snapshot();
}
