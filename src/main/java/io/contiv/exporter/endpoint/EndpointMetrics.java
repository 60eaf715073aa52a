package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.LabelNames;
import io.contiv.exporter.metrics.LabelSet;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PublishedFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Per-endpoint traffic counters and the endpoint info metric, with conventional Prometheus names. */
public final class EndpointMetrics implements EndpointMetricsWriter {

    /** The labels every per-endpoint series carries; host and interface keep series unique on a node. */
    static final List<String> LABEL_NAMES =
            List.of("tenant", "network", "endpoint_group", "container", "host", "interface");
    private static final LabelNames SERIES_LABELS = LabelNames.of(LABEL_NAMES);
    private static final List<String> INFO_LABELS = List.of("endpoint_id", "container_id", "ip_address", "mac_address");

    static final MetricFamily ENDPOINT = MetricFamily.info("contiv_endpoint",
            "Endpoints found in OVS, with the IDs and addresses netmaster gave them; always 1.",
            concat(LABEL_NAMES, INFO_LABELS));
    private static final LabelNames INFO_LABEL_NAMES = LabelNames.of(ENDPOINT.labelNames());

    /** The tables of {@link #labelTables}: the counters' and state gauges' labels, and the info metric's. */
    private static final int SERIES = 0;
    private static final int INFO = 1;

    private final StatisticSeries statistics = new StatisticSeries(this::statisticFamily, true);
    private final Set<String> fixedNames = fixedFamilies().stream().map(MetricFamily::name)
            .collect(Collectors.toUnmodifiableSet());

    private final StatisticSelection selection;

    public EndpointMetrics() {
        this(StatisticSelection.ALL);
    }

    /** Serves only the statistics {@code selection} selects. */
    public EndpointMetrics(StatisticSelection selection) {
        this.selection = selection;
    }

    @Override
    public List<LabelTable> labelTables(JoinResult join) {
        return List.of(LabelTable.of(join.joined(), EndpointMetrics::labels),
                LabelTable.of(join.joined(), EndpointMetrics::infoLabels));
    }

    @Override
    public List<PublishedFamily> families(EndpointLayout layout, List<OvsInterface> rows) {
        List<PublishedFamily> families = new ArrayList<>();
        families.add(layout.family(ENDPOINT, layout.table(INFO), rows, row -> 1));
        // a statistic whose name is one of ours (a key "admin_up", say) would make two families of one name
        families.addAll(statistics.families(layout, layout.table(SERIES), rows, fixedNames));
        families.addAll(InterfaceStateMetrics.families(layout, layout.table(SERIES), rows));
        return families;
    }

    @Override
    public List<MetricFamily> fixedFamilies() {
        List<MetricFamily> fixed = new ArrayList<>(List.of(ENDPOINT));
        fixed.addAll(InterfaceStateMetrics.FAMILIES);
        return fixed;
    }

    @Override
    public Optional<MetricFamily> statisticFamily(String ovsKey) {
        return selection.test(ovsKey) ? StatisticNames.counterFamily(ovsKey, LABEL_NAMES) : Optional.empty();
    }

    /** The labels of an endpoint's series. */
    static LabelSet labels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        return SERIES_LABELS.values(endpoint.tenant(), endpoint.network(), endpoint.endpointGroup(),
                endpoint.container(), endpoint.host(), joined.ovsInterface().name());
    }

    private static LabelSet infoLabels(JoinedEndpoint joined) {
        EndpointMetadata endpoint = joined.endpoint();
        return INFO_LABEL_NAMES.values(endpoint.tenant(), endpoint.network(), endpoint.endpointGroup(),
                endpoint.container(), endpoint.host(), joined.ovsInterface().name(), endpoint.endpointId(),
                endpoint.containerId(), String.join(",", endpoint.ipAddresses()), endpoint.macAddress());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
