package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-endpoint traffic counters and the endpoint info metric, with conventional Prometheus names. */
public final class EndpointMetrics implements EndpointMetricsWriter {

    /** The labels every per-endpoint series carries; host and interface keep series unique on a node. */
    static final List<String> LABEL_NAMES =
            List.of("tenant", "network", "endpoint_group", "container", "host", "interface");
    private static final String[] LABEL_NAME_ARRAY = LABEL_NAMES.toArray(String[]::new);
    private static final List<String> INFO_LABELS = List.of("endpoint_id", "container_id", "ip_address", "mac_address");

    static final MetricFamily ENDPOINT = MetricFamily.info("contiv_endpoint",
            "Endpoints found in OVS, with the IDs and addresses netmaster gave them; always 1.",
            concat(LABEL_NAMES, INFO_LABELS));

    private final StatisticSelection statistics;

    public EndpointMetrics() {
        this(StatisticSelection.ALL);
    }

    /** Serves only the statistics {@code statistics} selects. */
    public EndpointMetrics(StatisticSelection statistics) {
        this.statistics = statistics;
    }

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        Families families = new Families();
        families.declare(ENDPOINT);
        String[] infoLabelNames = INFO_LABELS.toArray(String[]::new);
        // Every interface reports the same few statistics: name each once per call, not once per data point
        // (making a name means building, sanitising and validating it).
        Map<String, Optional<MetricFamily>> counterFamilies = new HashMap<>();
        for (LabelledEndpoint labelled : LabelledEndpoint.inLabelOrder(join.joined(), EndpointMetrics::labels)) {
            EndpointMetadata endpoint = labelled.joined().endpoint();
            Labels labels = labelled.labels();
            families.add(ENDPOINT, labels.merge(infoLabelNames, new String[] {endpoint.endpointId(),
                endpoint.containerId(), String.join(",", endpoint.ipAddresses()), endpoint.macAddress()}), 1);
            for (Map.Entry<String, Long> statistic : labelled.joined().ovsInterface().statistics().entrySet()) {
                if (statistic.getValue() < 0) {
                    continue;
                }
                counterFamilies.computeIfAbsent(statistic.getKey(), this::statisticFamily).ifPresent(family ->
                        families.add(family, labels, statistic.getValue()));
            }
        }
        return families.build();
    }

    @Override
    public List<MetricSnapshot> nodeHealth(JoinResult join, boolean comparable) {
        return InterfaceStateMetrics.snapshots(join, comparable);
    }

    @Override
    public List<MetricFamily> fixedFamilies() {
        List<MetricFamily> fixed = new ArrayList<>(List.of(ENDPOINT));
        fixed.addAll(InterfaceStateMetrics.FAMILIES);
        return fixed;
    }

    @Override
    public Optional<MetricFamily> statisticFamily(String ovsKey) {
        return statistics.test(ovsKey) ? StatisticNames.counterFamily(ovsKey, LABEL_NAMES) : Optional.empty();
    }

    /** The labels of an endpoint's series, in the order of {@link #LABEL_NAMES}. */
    public static Labels labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        return Labels.of(LABEL_NAME_ARRAY, new String[] {endpoint.tenant(), endpoint.network(),
            endpoint.endpointGroup(), endpoint.container(), endpoint.host(), joined.ovsInterface().name()});
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
