package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    private final StatisticSeries statistics = new StatisticSeries(this::statisticFamily, false);

    @Override
    public List<LabelTable> labelTables(JoinResult join) {
        return List.of(LabelTable.of(join.joined(), LegacyEndpointMetrics::labels));
    }

    @Override
    public List<PublishedFamily> families(EndpointLayout layout, List<OvsInterface> rows) {
        return List.copyOf(statistics.families(layout, layout.table(0), rows, Set.of()));
    }

    @Override
    public List<MetricFamily> fixedFamilies() {
        return List.of();
    }

    @Override
    public Optional<MetricFamily> statisticFamily(String ovsKey) {
        return StatisticNames.legacyFamily(ovsKey, LABEL_NAMES);
    }

    private static Labels labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        Labels labels = Labels.of(WITHOUT_GROUP, new String[] {endpoint.tenant(), endpoint.network(),
            endpoint.host(), endpoint.container(), joined.ovsInterface().name()});
        return endpoint.hasEndpointGroup() ? labels.add(GROUP, endpoint.endpointGroup()) : labels;
    }
}
