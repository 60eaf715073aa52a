package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series of the original exporter: each OVS statistic under its swapped key, labelled tenant, network, host,
 * containerName, endpointGroup (only when the endpoint has one) and interface. Untyped, as the original sent them.
 */
public final class LegacyEndpointMetrics implements EndpointMetricsWriter {

    /** The original's labels, in its order; {@code endpointGroup} only on endpoints that have a group. */
    private static final String GROUP = "endpointGroup";
    static final List<String> LABEL_NAMES =
            List.of("tenant", "network", "host", "containerName", GROUP, "interface");
    private static final String[] WITHOUT_GROUP =
            LABEL_NAMES.stream().filter(name -> !name.equals(GROUP)).toArray(String[]::new);

    private final StatisticSelection statistics;

    public LegacyEndpointMetrics() {
        this(StatisticSelection.ALL);
    }

    /** Serves only the statistics {@code statistics} selects. */
    public LegacyEndpointMetrics(StatisticSelection statistics) {
        this.statistics = statistics;
    }

    @Override
    public List<MetricSnapshot> snapshots(JoinResult join) {
        Families families = new Families();
        // every interface reports the same few statistics: name each once per call, not once per data point
        Map<String, Optional<MetricFamily>> legacyFamilies = new HashMap<>();
        for (LabelledEndpoint labelled : LabelledEndpoint.inLabelOrder(join.joined(), LegacyEndpointMetrics::labels)) {
            for (Map.Entry<String, Long> statistic : labelled.joined().ovsInterface().statistics().entrySet()) {
                legacyFamilies.computeIfAbsent(statistic.getKey(), this::statisticFamily).ifPresent(family ->
                        families.add(family, labelled.labels(), statistic.getValue()));
            }
        }
        return families.build();
    }

    @Override
    public List<MetricFamily> fixedFamilies() {
        return List.of();
    }

    @Override
    public Optional<MetricFamily> statisticFamily(String ovsKey) {
        return statistics.test(ovsKey) ? StatisticNames.legacyFamily(ovsKey, LABEL_NAMES) : Optional.empty();
    }

    private static Labels labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        Labels labels = Labels.of(WITHOUT_GROUP, new String[] {endpoint.tenant(), endpoint.network(),
            endpoint.host(), endpoint.container(), joined.ovsInterface().name()});
        return endpoint.hasEndpointGroup() ? labels.add(GROUP, endpoint.endpointGroup()) : labels;
    }
}
