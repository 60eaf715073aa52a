package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects data points for many metric families at once and builds their snapshots, in the order the families were
 * first declared or added to. A second data point with the same labels in one family is dropped: a duplicate would
 * make the client library reject the whole scrape.
 */
public final class Families {

    private record Points(MetricFamily family, Map<Labels, Double> values) {
    }

    private final Map<String, Points> families = new LinkedHashMap<>();

    /** Declares a family so that it appears (with HELP and TYPE) even when it gets no data point. */
    public void declare(MetricFamily family) {
        points(family);
    }

    public void add(MetricFamily family, Labels labels, double value) {
        points(family).values().putIfAbsent(labels, value);
    }

    public List<MetricSnapshot> build() {
        List<MetricSnapshot> built = new ArrayList<>(families.size());
        for (Points points : families.values()) {
            built.add(build(points));
        }
        return built;
    }

    private Points points(MetricFamily family) {
        return families.computeIfAbsent(family.name(), name -> new Points(family, new LinkedHashMap<>()));
    }

    private static MetricSnapshot build(Points points) {
        MetricFamily f = points.family();
        return switch (f.type()) {
            case COUNTER -> {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
                points.values().forEach((labels, value) -> b.dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
            case GAUGE -> {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
                points.values().forEach((labels, value) -> b.dataPoint(
                        GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
            case INFO -> {
                InfoSnapshot.Builder b = InfoSnapshot.builder().name(f.name()).help(f.help());
                points.values().forEach((labels, value) -> b.dataPoint(
                        InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels).build()));
                yield b.build();
            }
            case UNTYPED -> {
                UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(f.name()).help(f.help());
                points.values().forEach((labels, value) -> b.dataPoint(
                        UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
        };
    }
}
