package io.contiv.exporter.support;

import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/** Reads the health a collector publishes, as a scrape would see it. */
public final class HealthValues {

    private HealthValues() {
    }

    /** Whether {@code contiv_exporter_source_up{source}} is 1. */
    public static boolean isUp(HealthCollector health, Source source) {
        return health.publication().families().stream()
                .filter(family -> family.getMetadata().getName().equals("contiv_exporter_source_up"))
                .flatMap(family -> ((GaugeSnapshot) family).getDataPoints().stream())
                .filter(point -> point.getLabels().equals(Labels.of("source", source.label())))
                .anyMatch(point -> point.getValue() == 1);
    }
}
