package io.contiv.exporter.metrics;

import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.join.JoinedEndpoint;
import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.ovsdb.InterfaceState;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of each endpoint's interface (admin and link state, MTU, link resets, OpenFlow port) and the node's
 * mismatches with netmaster: interfaces with an endpoint ID netmaster does not know, and endpoints netmaster
 * places here that OVS lacks. Each state series appears only when OVS filled the column.
 */
public final class InterfaceStateMetrics {

    private InterfaceStateMetrics() {
    }

    /** {@code directoryKnown} is false while netmaster has never answered: then every interface would look orphan. */
    public static List<MetricSnapshot> snapshots(JoinResult join, boolean directoryKnown) {
        SnapshotBuilders families = new SnapshotBuilders();
        families.declare(Kind.GAUGE, "contiv_endpoint_admin_up", "1 when the interface is administratively up.");
        families.declare(Kind.GAUGE, "contiv_endpoint_link_up", "1 when the interface's link is up.");
        families.declare(Kind.GAUGE, "contiv_endpoint_mtu_bytes", "MTU of the endpoint's interface, in bytes.");
        families.declare(Kind.COUNTER, "contiv_endpoint_link_resets", "Times the interface's link changed state.");
        families.declare(Kind.GAUGE, "contiv_endpoint_ofport", "OpenFlow port number of the endpoint's interface.");
        for (JoinedEndpoint joined : join.joined()) {
            Labels labels = EndpointMetrics.labels(joined);
            InterfaceState state = joined.ovsInterface().state();
            state.adminState().ifPresent(s -> families.add(Kind.GAUGE, "contiv_endpoint_admin_up", null, labels,
                    "up".equals(s) ? 1 : 0));
            state.linkState().ifPresent(s -> families.add(Kind.GAUGE, "contiv_endpoint_link_up", null, labels,
                    "up".equals(s) ? 1 : 0));
            state.mtu().ifPresent(v -> families.add(Kind.GAUGE, "contiv_endpoint_mtu_bytes", null, labels, v));
            state.linkResets().filter(v -> v >= 0).ifPresent(v ->
                    families.add(Kind.COUNTER, "contiv_endpoint_link_resets", null, labels, v));
            state.ofport().ifPresent(v -> families.add(Kind.GAUGE, "contiv_endpoint_ofport", null, labels, v));
        }
        if (directoryKnown) {
            families.add(Kind.GAUGE, "contiv_orphan_interfaces",
                    "Interfaces in OVS whose endpoint ID netmaster does not know.", Labels.EMPTY,
                    join.unknownEndpointInterfaces().size());
            families.add(Kind.GAUGE, "contiv_missing_endpoint_interfaces",
                    "Endpoints netmaster places on this host that have no interface in OVS.", Labels.EMPTY,
                    join.missingEndpoints().size());
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }
}
