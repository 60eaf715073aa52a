package io.contiv.exporter.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.openflow.TableStats;
import io.contiv.exporter.support.ExpositionText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowTableMetricsTest {

    @Test
    void contivsTablesAlwaysWithTheirRoleOthersOnlyOnceUsed() {
        List<TableStats> tables = new ArrayList<>();
        for (int id = 0; id < 254; id++) {
            tables.add(new TableStats(id, 0, 0, 0));
        }
        tables.set(5, new TableStats(5, 12, 900, 880));
        tables.set(20, new TableStats(20, 1, 0, 0));
        tables.set(30, new TableStats(30, 0, 4, 0));
        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(
                FlowTableMetrics.snapshots(Map.of("contivVlanBridge", tables))));
        assertThat(samples)
                .containsEntry("contiv_openflow_table_flows{bridge=\"contivVlanBridge\",table_id=\"5\","
                        + "table_name=\"policy\"}", 12.0)
                .containsEntry("contiv_openflow_table_lookups_total{bridge=\"contivVlanBridge\",table_id=\"5\","
                        + "table_name=\"policy\"}", 900.0)
                .containsEntry("contiv_openflow_table_matches_total{bridge=\"contivVlanBridge\",table_id=\"5\","
                        + "table_name=\"policy\"}", 880.0)
                .containsEntry("contiv_openflow_table_flows{bridge=\"contivVlanBridge\",table_id=\"9\","
                        + "table_name=\"mac_dest\"}", 0.0)
                .containsEntry("contiv_openflow_table_flows{bridge=\"contivVlanBridge\",table_id=\"20\","
                        + "table_name=\"\"}", 1.0)
                .containsEntry("contiv_openflow_table_lookups_total{bridge=\"contivVlanBridge\",table_id=\"30\","
                        + "table_name=\"\"}", 4.0);
        assertThat(samples).hasSize((10 + 2) * 3);
    }
}
