package io.contiv.exporter.metrics;

import io.contiv.exporter.join.EndpointMetadata;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.join.JoinedEndpoint;
import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-endpoint traffic counters and the endpoint info metric, with conventional Prometheus names. */
public final class EndpointMetrics implements EndpointMetricsWriter {

    static final String[] LABEL_NAMES = {"tenant", "network", "endpoint_group", "container", "host", "interface"};

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        SnapshotBuilders families = new SnapshotBuilders();
        families.declare(Kind.INFO, "contiv_endpoint",
                "Endpoints found in OVS, with the IDs and addresses netmaster gave them; always 1.");
        for (JoinedEndpoint joined : join.joined()) {
            EndpointMetadata endpoint = joined.endpoint();
            OvsInterface ovsInterface = joined.ovsInterface();
            Labels labels = labels(joined);
            families.add(Kind.INFO, "contiv_endpoint", null, labels.merge(
                    new String[] {"endpoint_id", "container_id", "ip_address", "mac_address"},
                    new String[] {endpoint.endpointId(), endpoint.containerId(),
                        String.join(",", endpoint.ipAddresses()), endpoint.macAddress()}), 1);
            for (Map.Entry<String, Long> statistic : ovsInterface.statistics().entrySet()) {
                if (statistic.getValue() < 0) {
                    continue;
                }
                Optional<String> name = StatisticNames.counterName(statistic.getKey());
                if (name.isPresent()) {
                    families.add(Kind.COUNTER, name.get(), StatisticNames.counterHelp(statistic.getKey()),
                            labels, statistic.getValue());
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
