package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * What one collector serves at one moment: immutable families, and a version that grows whenever they change.
 * Whatever is derived from a publication (its encoded bytes) is kept by collector and version, never by identity.
 */
public record Publication(String collector, long version, List<PublishedFamily> parts) {

    public Publication {
        parts = List.copyOf(parts);
    }

    /** A publication of client library snapshots. */
    public static Publication ofSnapshots(String collector, long version, List<MetricSnapshot> families) {
        return new Publication(collector, version, families.stream().<PublishedFamily>map(SnapshotFamily::new)
                .toList());
    }

    /** The families as client library snapshots (made now for those published as series). */
    public List<MetricSnapshot> families() {
        return parts.stream().map(PublishedFamily::snapshot).toList();
    }
}
