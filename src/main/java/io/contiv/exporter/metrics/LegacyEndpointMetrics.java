package io.contiv.exporter.metrics;

import io.contiv.exporter.join.EndpointMetadata;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.join.JoinedEndpoint;
import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series of the original exporter: each OVS statistic under its swapped key, labelled tenant, network, host,
 * containerName, endpointGroup (only when the endpoint has one) and interface. Untyped, as the original sent them.
 */
public final class LegacyEndpointMetrics implements EndpointMetricsWriter {

    /** The family an OVS statistic is reported in. */
    private record LegacyFamily(String name, String help) {

        static Optional<LegacyFamily> of(String ovsKey) {
            return StatisticNames.legacyName(ovsKey).map(name -> new LegacyFamily(name, "OVS interface statistic "
                    + ovsKey + " with rx and tx swapped to the container's view (legacy name)."));
        }
    }

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        SnapshotBuilders families = new SnapshotBuilders();
        // every interface reports the same few statistics: name each once per call, not once per data point
        Map<String, Optional<LegacyFamily>> legacyFamilies = new HashMap<>();
        for (LabelledEndpoint labelled : LabelledEndpoint.inLabelOrder(join.joined(), LegacyEndpointMetrics::labels)) {
            for (Map.Entry<String, Long> statistic : labelled.joined().ovsInterface().statistics().entrySet()) {
                Optional<LegacyFamily> family = legacyFamilies.computeIfAbsent(statistic.getKey(), LegacyFamily::of);
                if (family.isPresent()) {
                    families.add(Kind.UNTYPED, family.get().name(), family.get().help(), labelled.labels(),
                            statistic.getValue());
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }

    private static Labels labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        Labels labels = Labels.of(
                "tenant", endpoint.tenant(),
                "network", endpoint.network(),
                "host", endpoint.host(),
                "containerName", endpoint.container(),
                "interface", joined.ovsInterface().name());
        return endpoint.hasEndpointGroup() ? labels.add("endpointGroup", endpoint.endpointGroup()) : labels;
    }
}
