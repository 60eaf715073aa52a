package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Optional;

/** Turns the netplugin-mode join into metric families, in one naming scheme. */
public interface EndpointMetricsWriter {

    List<MetricSnapshot> snapshots(JoinResult join);

    /**
     * Interface state and the node's mismatches with netmaster; {@code comparable} is false when either side is
     * unknown. The legacy scheme serves exactly the original's series, so it has none of these.
     */
    default List<MetricSnapshot> nodeHealth(JoinResult join, boolean comparable) {
        return List.of();
    }

    /** The families this writer may serve whatever the data; those of OVS statistics come on top. */
    List<MetricFamily> fixedFamilies();

    /** The family an OVS statistic is served in; empty when no valid name can be made from its key. */
    Optional<MetricFamily> statisticFamily(String ovsKey);
}
