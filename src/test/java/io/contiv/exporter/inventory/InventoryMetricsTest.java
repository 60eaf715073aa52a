package io.contiv.exporter.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryMetricsTest {

    @Test
    void countsTheReferenceInventoryWithPrometheusNames() {
        Map<String, Double> samples = ExpositionText.samples(
                ExpositionText.text(new InventoryMetrics().snapshots(ReferenceData.inventory())));

        assertThat(samples).containsEntry("contiv_tenants", 2.0)
                .containsEntry("contiv_networks{tenant=\"default\"}", 1.0)
                .containsEntry("contiv_endpoint_groups{network=\"net0-0\",tenant=\"default\"}", 2.0)
                .containsEntry("contiv_endpoint_groups{network=\"contivh1\",tenant=\"default\"}", 0.0)
                .containsEntry("contiv_policies{endpoint_group=\"epg0-0-1\",network=\"net0-0\",tenant=\"default\"}", 2.0)
                .containsEntry("contiv_netprofiles{endpoint_group=\"epg0-0-0\",network=\"net0-0\",tenant=\"default\"}", 1.0)
                .containsEntry("contiv_netprofiles{endpoint_group=\"epg0-0-1\",network=\"net0-0\",tenant=\"default\"}", 0.0)
                .containsEntry("contiv_endpoints{endpoint_group=\"\",host=\"node2\",network=\"net0-0\",tenant=\"default\"}", 1.0)
                .containsEntry("contiv_network_info{encap=\"vxlan\",gateway=\"10.1.0.254\",network=\"net1-0\","
                        + "subnet=\"10.1.0.0/24\",tenant=\"tenant1\",type=\"data\"}", 1.0);
        assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_endpoints{"))).hasSize(6);
        assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_network_info{"))).hasSize(3);
    }

    @Test
    void legacyEmitsOnlyWhatTheOriginalEmitted() {
        Map<String, Double> samples = ExpositionText.samples(
                ExpositionText.text(new LegacyInventoryMetrics().snapshots(ReferenceData.inventory())));

        assertThat(samples).containsOnly(
                Map.entry("count_of_tenants", 2.0),
                Map.entry("count_of_networks{tenant=\"default\"}", 1.0),
                Map.entry("count_of_networks{tenant=\"tenant1\"}", 1.0),
                Map.entry("count_of_endpointGroups{network=\"net0-0\",tenant=\"default\"}", 2.0),
                Map.entry("count_of_endpointGroups{network=\"net1-0\",tenant=\"tenant1\"}", 2.0),
                Map.entry("count_of_policies{endpointGroup=\"epg0-0-0\",network=\"net0-0\",tenant=\"default\"}", 1.0),
                Map.entry("count_of_policies{endpointGroup=\"epg0-0-1\",network=\"net0-0\",tenant=\"default\"}", 2.0),
                Map.entry("count_of_policies{endpointGroup=\"epg1-0-0\",network=\"net1-0\",tenant=\"tenant1\"}", 1.0),
                Map.entry("count_of_policies{endpointGroup=\"epg1-0-1\",network=\"net1-0\",tenant=\"tenant1\"}", 2.0));
    }
}
