package io.contiv.exporter.metrics;

/** Which metric names to serve: conventional Prometheus names, or exactly those of the original Ruby exporter. */
public enum MetricNaming {
    PROMETHEUS,
    LEGACY
}
