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

/** Per-endpoint traffic counters and the endpoint info metric, with conventional Prometheus names. */
public final class EndpointMetrics implements EndpointMetricsWriter {

    static final String[] LABEL_NAMES = {"tenant", "network", "endpoint_group", "container", "host", "interface"};

    /** The family an OVS statistic is counted in. */
    private record CounterFamily(String name, String help) {

        static Optional<CounterFamily> of(String ovsKey) {
            return StatisticNames.counterName(ovsKey).map(name -> new CounterFamily(name, StatisticNames.counterHelp(ovsKey)));
        }
    }

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        SnapshotBuilders families = new SnapshotBuilders();
        families.declare(Kind.INFO, "contiv_endpoint",
                "Endpoints found in OVS, with the IDs and addresses netmaster gave them; always 1.");
        // Every interface reports the same few statistics: name each once per call, not once per data point
        // (making a name means building, sanitising and validating it).
        Map<String, Optional<CounterFamily>> counterFamilies = new HashMap<>();
        for (LabelledEndpoint labelled : LabelledEndpoint.inLabelOrder(join.joined(), EndpointMetrics::labels)) {
            EndpointMetadata endpoint = labelled.joined().endpoint();
            Labels labels = labelled.labels();
            families.add(Kind.INFO, "contiv_endpoint", null, labels.merge(
                    new String[] {"endpoint_id", "container_id", "ip_address", "mac_address"},
                    new String[] {endpoint.endpointId(), endpoint.containerId(),
                        String.join(",", endpoint.ipAddresses()), endpoint.macAddress()}), 1);
            for (Map.Entry<String, Long> statistic : labelled.joined().ovsInterface().statistics().entrySet()) {
                if (statistic.getValue() < 0) {
                    continue;
                }
                Optional<CounterFamily> family = counterFamilies.computeIfAbsent(statistic.getKey(), CounterFamily::of);
                if (family.isPresent()) {
                    families.add(Kind.COUNTER, family.get().name(), family.get().help(), labels, statistic.getValue());
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }

    @Override
    public List<MetricSnapshot> nodeHealth(JoinResult join, boolean comparable) {
        return InterfaceStateMetrics.snapshots(join, comparable);
    }

    /** The labels every per-endpoint series carries; host and interface keep series unique on a node. */
    public static Labels labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        return Labels.of(LABEL_NAMES, new String[] {
            endpoint.tenant(), endpoint.network(), endpoint.endpointGroup(), endpoint.container(),
            endpoint.host(), joined.ovsInterface().name()});
    }
}
