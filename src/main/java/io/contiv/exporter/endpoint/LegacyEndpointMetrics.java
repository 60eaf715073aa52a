package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.LabelNames;
import io.contiv.exporter.metrics.LabelSet;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
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
    private static final LabelNames WITH_GROUP = LabelNames.of(LABEL_NAMES);
    private static final LabelNames WITHOUT_GROUP =
            LabelNames.of(LABEL_NAMES.stream().filter(name -> !name.equals(GROUP)).toList());

    private final StatisticSeries statistics = new StatisticSeries(this::statisticFamily, false);

    private final StatisticSelection selection;

    public LegacyEndpointMetrics() {
        this(StatisticSelection.ALL);
    }

    /** Serves only the statistics {@code selection} selects. */
    public LegacyEndpointMetrics(StatisticSelection selection) {
        this.selection = selection;
    }

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
        return selection.test(ovsKey) ? StatisticNames.legacyFamily(ovsKey, LABEL_NAMES) : Optional.empty();
    }

    private static LabelSet labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        String name = joined.ovsInterface().name();
        return endpoint.hasEndpointGroup()
                ? WITH_GROUP.values(endpoint.tenant(), endpoint.network(), endpoint.host(), endpoint.container(),
                        endpoint.endpointGroup(), name)
                : WITHOUT_GROUP.values(endpoint.tenant(), endpoint.network(), endpoint.host(), endpoint.container(),
                        name);
    }
}
