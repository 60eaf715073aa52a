package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.List;

/**
 * One metric family as the exporter serves it: declared once, as a constant beside the code that adds its points,
 * and used both to declare the family and to add each point, so that its name is written in one place only.
 *
 * @param name       the name without the {@code _total} or {@code _info} suffix the exposition adds
 * @param labelNames the labels of its series, in the order they are given
 */
public record MetricFamily(String name, String help, Type type, List<String> labelNames) {

    /** How the family is exposed. */
    public enum Type { COUNTER, GAUGE, INFO, UNTYPED }

    public MetricFamily {
        labelNames = List.copyOf(labelNames);
    }

    public static MetricFamily counter(String name, String help, List<String> labelNames) {
        return new MetricFamily(name, help, Type.COUNTER, labelNames);
    }

    public static MetricFamily gauge(String name, String help, List<String> labelNames) {
        return new MetricFamily(name, help, Type.GAUGE, labelNames);
    }

    public static MetricFamily info(String name, String help, List<String> labelNames) {
        return new MetricFamily(name, help, Type.INFO, labelNames);
    }

    public static MetricFamily untyped(String name, String help, List<String> labelNames) {
        return new MetricFamily(name, help, Type.UNTYPED, labelNames);
    }

    /** The labels of one series, values in the order of {@link #labelNames()}. */
    public Labels labels(String... values) {
        return Labels.of(labelNames.toArray(String[]::new), values);
    }

    /** The name the registry knows the family by, to refuse two collectors serving the same one. */
    public String prometheusName() {
        return PrometheusNaming.prometheusName(name);
    }
}
