package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects data points for many metric families at once and builds their snapshots. A second data point with the
 * same labels in one family is dropped: a duplicate would make the client library reject the whole scrape.
 */
final class SnapshotBuilders {

    enum Kind { COUNTER, GAUGE, INFO, UNTYPED }

    private record Family(String name, String help, Kind kind, Map<Labels, Double> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    void add(Kind kind, String name, String help, Labels labels, double value) {
        Family family = families.computeIfAbsent(name, n -> new Family(n, help, kind, new LinkedHashMap<>()));
        family.points().putIfAbsent(labels, value);
    }

    /** Declares a family so that it appears (with HELP and TYPE) even when it has no data point. */
    void declare(Kind kind, String name, String help) {
        families.computeIfAbsent(name, n -> new Family(n, help, kind, new LinkedHashMap<>()));
    }

    void addTo(List<MetricSnapshot> out) {
        for (Family family : families.values()) {
            out.add(build(family));
        }
    }

    private static MetricSnapshot build(Family f) {
        return switch (f.kind()) {
            case COUNTER -> {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
                f.points().forEach((labels, value) -> b.dataPoint(
                        CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
            case GAUGE -> {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
                f.points().forEach((labels, value) -> b.dataPoint(
                        GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
            case INFO -> {
                InfoSnapshot.Builder b = InfoSnapshot.builder().name(f.name()).help(f.help());
                f.points().forEach((labels, value) -> b.dataPoint(
                        InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels).build()));
                yield b.build();
            }
            case UNTYPED -> {
                UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(f.name()).help(f.help());
                f.points().forEach((labels, value) -> b.dataPoint(
                        UnknownSnapshot.UnknownDataPointSnapshot.builder().labels(labels).value(value).build()));
                yield b.build();
            }
        };
    }
}
