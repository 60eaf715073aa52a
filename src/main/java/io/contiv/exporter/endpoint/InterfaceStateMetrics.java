package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.metrics.SnapshotFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of each endpoint's interface (admin and link state, MTU, link resets, OpenFlow port) and the node's
 * mismatches with netmaster: interfaces with an endpoint ID netmaster does not know, and endpoints netmaster
 * places here that OVS lacks. Each state series appears only when OVS filled the column.
 */
public final class InterfaceStateMetrics {

    private static final List<String> LABELS = EndpointMetrics.LABEL_NAMES;
    static final MetricFamily ADMIN_UP = MetricFamily.gauge("contiv_endpoint_admin_up",
            "1 when the interface is administratively up.", LABELS);
    static final MetricFamily LINK_UP = MetricFamily.gauge("contiv_endpoint_link_up",
            "1 when the interface's link is up.", LABELS);
    static final MetricFamily MTU = MetricFamily.gauge("contiv_endpoint_mtu_bytes",
            "MTU of the endpoint's interface, in bytes.", LABELS);
    static final MetricFamily LINK_RESETS = MetricFamily.counter("contiv_endpoint_link_resets",
            "Times the interface's link changed state.", LABELS);
    static final MetricFamily OFPORT = MetricFamily.gauge("contiv_endpoint_ofport",
            "OpenFlow port number of the endpoint's interface.", LABELS);
    static final MetricFamily ORPHANS = MetricFamily.gauge("contiv_orphan_interfaces",
            "Interfaces in OVS whose endpoint ID netmaster does not know.", List.of());
    static final MetricFamily MISSING = MetricFamily.gauge("contiv_missing_endpoint_interfaces",
            "Endpoints netmaster places on this host that have no interface in OVS.", List.of());
    static final List<MetricFamily> FAMILIES = List.of(ADMIN_UP, LINK_UP, MTU, LINK_RESETS, OFPORT, ORPHANS, MISSING);

    private InterfaceStateMetrics() {
    }

    /**
     * The state families over {@code table}, and the mismatch counts when the layout is comparable (while
     * netmaster has never answered, every interface would look orphan).
     */
    static List<PublishedFamily> families(EndpointLayout layout, LabelTable table, List<OvsInterface> rows) {
        List<PublishedFamily> families = new ArrayList<>();
        families.add(layout.family(ADMIN_UP, table, rows, row -> upOrDown(row.state().adminState())));
        families.add(layout.family(LINK_UP, table, rows, row -> upOrDown(row.state().linkState())));
        families.add(layout.family(MTU, table, rows, row -> value(row.state().mtu(), false)));
        families.add(layout.family(LINK_RESETS, table, rows, row -> value(row.state().linkResets(), true)));
        families.add(layout.family(OFPORT, table, rows, row -> value(row.state().ofport(), false)));
        if (layout.comparable()) {
            Families counts = new Families();
            counts.add(ORPHANS, Labels.EMPTY, layout.join().unknownEndpointInterfaces().size());
            counts.add(MISSING, Labels.EMPTY, layout.join().missingEndpoints().size());
            counts.build().forEach(snapshot -> families.add(new SnapshotFamily(snapshot)));
        }
        return families;
    }

    private static double upOrDown(Optional<String> state) {
        return state.map(s -> "up".equals(s) ? 1.0 : 0.0).orElse(Double.NaN);
    }

    private static double value(Optional<Long> column, boolean counter) {
        return column.filter(v -> !counter || v >= 0).map(Long::doubleValue).orElse(Double.NaN);
    }
}
