package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.ovsdb.InterfaceState;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

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

    /** {@code directoryKnown} is false while netmaster has never answered: then every interface would look orphan. */
    public static List<MetricSnapshot> snapshots(JoinResult join, boolean directoryKnown) {
        Families families = new Families();
        List.of(ADMIN_UP, LINK_UP, MTU, LINK_RESETS, OFPORT).forEach(families::declare);
        for (JoinedEndpoint joined : join.joined()) {
            Labels labels = EndpointMetrics.labels(joined);
            InterfaceState state = joined.ovsInterface().state();
            state.adminState().ifPresent(s -> families.add(ADMIN_UP, labels, "up".equals(s) ? 1 : 0));
            state.linkState().ifPresent(s -> families.add(LINK_UP, labels, "up".equals(s) ? 1 : 0));
            state.mtu().ifPresent(v -> families.add(MTU, labels, v));
            state.linkResets().filter(v -> v >= 0).ifPresent(v -> families.add(LINK_RESETS, labels, v));
            state.ofport().ifPresent(v -> families.add(OFPORT, labels, v));
        }
        if (directoryKnown) {
            families.add(ORPHANS, Labels.EMPTY, join.unknownEndpointInterfaces().size());
            families.add(MISSING, Labels.EMPTY, join.missingEndpoints().size());
        }
        return families.build();
    }
}
