package io.contiv.exporter.tables;

import io.contiv.exporter.PolledSource;
import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PolledCollector;
import io.contiv.exporter.openflow.TableStats;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Netplugin mode, flows per table: each OpenFlow table of each Contiv bridge (OFPMP_TABLE), labelled with its role
 * in Contiv's pipeline. The tables Contiv uses are served always; any other only once it holds a flow or saw a
 * packet, so that the 244 unused tables of a bridge cost nothing.
 */
public final class FlowTableMetrics {

    private static final List<String> LABELS = List.of("bridge", "table_id", "table_name");
    static final MetricFamily FLOWS = MetricFamily.gauge("contiv_openflow_table_flows",
            "Flows in the OpenFlow table (active count).", LABELS);
    static final MetricFamily LOOKUPS = MetricFamily.counter("contiv_openflow_table_lookups",
            "Packets looked up in the OpenFlow table.", LABELS);
    static final MetricFamily MATCHES = MetricFamily.counter("contiv_openflow_table_matches",
            "Packets that matched a flow of the OpenFlow table; lookups minus matches missed every flow.", LABELS);
    static final List<MetricFamily> FAMILIES = List.of(FLOWS, LOOKUPS, MATCHES);

    private FlowTableMetrics() {
    }

    /** The collector of flows per table, built from each reading of the bridges. */
    public static PolledCollector<Map<String, List<TableStats>>> collector(
            PolledSource<Map<String, List<TableStats>>> source) {
        return new PolledCollector<>("tables", source, FlowTableMetrics::snapshots, FAMILIES);
    }

    static List<MetricSnapshot> snapshots(Map<String, List<TableStats>> bridges) {
        Families families = new Families();
        FAMILIES.forEach(families::declare);
        bridges.forEach((bridge, tables) -> {
            for (TableStats table : tables) {
                if (ContivPipeline.isContivTable(table.tableId()) || table.activeCount() > 0
                        || table.lookupCount() > 0) {
                    Labels labels = FLOWS.labels(bridge, Integer.toString(table.tableId()),
                            ContivPipeline.name(table.tableId()));
                    families.add(FLOWS, labels, table.activeCount());
                    families.add(LOOKUPS, labels, table.lookupCount());
                    families.add(MATCHES, labels, table.matchedCount());
                }
            }
        });
        return families.build();
    }
}
