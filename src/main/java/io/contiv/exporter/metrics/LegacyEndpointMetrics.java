package io.contiv.exporter.metrics;

import io.contiv.exporter.join.EndpointMetadata;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.join.JoinedEndpoint;
import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series of the original exporter: each OVS statistic under its swapped key, labelled tenant, network, host,
 * containerName, endpointGroup (only when the endpoint has one) and interface. Untyped, as the original sent them.
 */
public final class LegacyEndpointMetrics implements EndpointMetricsWriter {

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        SnapshotBuilders families = new SnapshotBuilders();
        for (JoinedEndpoint joined : join.joined()) {
            Labels labels = labels(joined);
            for (Map.Entry<String, Long> statistic : joined.ovsInterface().statistics().entrySet()) {
                Optional<String> name = StatisticNames.legacyName(statistic.getKey());
                if (name.isPresent()) {
                    families.add(Kind.UNTYPED, name.get(), "OVS interface statistic " + statistic.getKey()
                            + " with rx and tx swapped to the container's view (legacy name).",
                            labels, statistic.getValue());
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
