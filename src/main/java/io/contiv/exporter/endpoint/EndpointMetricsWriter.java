package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the netplugin-mode join into metric families, in one naming scheme: label tables made of the join (again
 * only when it changes), and for each version of the rows the families as series over those tables.
 */
public interface EndpointMetricsWriter {

    /** The label tables this scheme's families are written over, in the order {@link #families} reads them. */
    List<LabelTable> labelTables(JoinResult join);

    /**
     * The families of one version of the rows. The node's mismatches with netmaster come only when the layout is
     * comparable (both sides known); the legacy scheme serves exactly the original's series, so none of those.
     */
    List<PublishedFamily> families(EndpointLayout layout, List<OvsInterface> rows);

    /** The families this writer may serve whatever the data; those of OVS statistics come on top. */
    List<MetricFamily> fixedFamilies();

    /** The family an OVS statistic is served in; empty when no valid name can be made from its key. */
    Optional<MetricFamily> statisticFamily(String ovsKey);

    /** The families of {@code join} as client library snapshots, with no mismatch counts. */
    default List<MetricSnapshot> snapshots(JoinResult join) {
        List<OvsInterface> rows = new ArrayList<>();
        join.joined().forEach(joined -> rows.add(joined.ovsInterface()));
        EndpointLayout layout = EndpointLayout.of(0, false, rows, join, labelTables(join));
        return families(layout, rows).stream().map(PublishedFamily::snapshot).toList();
    }
}
