package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * What one collector serves at one moment: immutable families, and a version that grows whenever they change.
 * Whatever is derived from a publication (its encoded bytes) is kept by collector and version, never by identity.
 */
public record Publication(String collector, long version, List<MetricSnapshot> families) {

    public Publication {
        families = List.copyOf(families);
    }
}
