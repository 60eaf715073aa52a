package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointMetricsTest {

    private final JoinResult join = EndpointJoin.join(
            EndpointDirectory.fromInspects(ReferenceData.inventory().inspectedNetworks()), ReferenceData.interfaces(), "");

    @Test
    void swapsRxAndTxToTheContainersViewWithPrometheusNames() {
        String text = ExpositionText.text(new EndpointMetrics().snapshots(join));
        Map<String, Double> samples = ExpositionText.samples(text);

        String vvport4 = "{container=\"pod-1-0-0\",endpoint_group=\"epg1-0-0\",host=\"node1\","
                + "interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}";
        assertThat(samples).containsEntry("contiv_endpoint_transmit_bytes_total" + vvport4, 674996843.0)
                .containsEntry("contiv_endpoint_receive_bytes_total" + vvport4, 388302652.0)
                .containsEntry("contiv_endpoint_transmit_packets_total" + vvport4, 664130526.0)
                .containsEntry("contiv_endpoint_receive_packets_total" + vvport4, 619927151.0)
                .containsEntry("contiv_endpoint_transmit_dropped_total" + vvport4, 950746571.0)
                .containsEntry("contiv_endpoint_receive_errors_total" + vvport4, 756528252.0)
                .containsEntry("contiv_endpoint_collisions_total" + vvport4, 74684276.0);
        String vvport6 = "{container=\"pod-1-0-2\",endpoint_group=\"\",host=\"node1\","
                + "interface=\"vvport6\",network=\"net1-0\",tenant=\"tenant1\"}";
        assertThat(samples).containsEntry("contiv_endpoint_receive_dropped_total" + vvport6, 993631208.0);
        assertThat(samples).containsEntry("contiv_endpoint_info{container=\"pod-0-0-1\","
                + "container_id=\"6b65a6a48b8148f6b38a088ca65ed389b74d0fb132e706298fadc1a606cb0fb3\","
                + "endpoint_group=\"epg0-0-1\","
                + "endpoint_id=\"9a1de644815ef6d13b8faa1837f8a88b17fc695a07a0ca6e0822e8f36c031199\","
                + "host=\"node1\",interface=\"vvport2\",ip_address=\"10.0.0.2\",mac_address=\"02:02:0a:00:00:02\","
                + "network=\"net0-0\",tenant=\"default\"}", 1.0);
        // three endpoints of this node are known to netmaster, nine statistics each, plus one info series each
        assertThat(samples).hasSize(3 * 9 + 3);
        assertThat(text).doesNotContain("vvport-orphan");
        assertThat(text).contains("# TYPE contiv_endpoint_transmit_bytes_total counter")
                .contains("# HELP contiv_endpoint_transmit_bytes_total Bytes sent by the container "
                        + "(OVS interface statistic rx_bytes).")
                .contains("# HELP contiv_endpoint_receive_dropped_total Packets received by the container that "
                        + "were dropped (OVS interface statistic tx_dropped).")
                .contains("# HELP contiv_endpoint_collisions_total Collisions on the container's port "
                        + "(OVS interface statistic collisions).");
    }

    @Test
    void everyStatisticsHelpIsASentenceInTheContainersView() {
        assertThat(StatisticNames.counterHelp("rx_dropped"))
                .isEqualTo("Packets sent by the container that were dropped (OVS interface statistic rx_dropped).");
        assertThat(StatisticNames.counterHelp("tx_errors"))
                .isEqualTo("Packets received by the container that had errors (OVS interface statistic tx_errors).");
        assertThat(StatisticNames.counterHelp("rx_crc_err"))
                .isEqualTo("Packets sent by the container with a CRC error (OVS interface statistic rx_crc_err).");
        assertThat(StatisticNames.counterHelp("tx_foo_bar"))
                .isEqualTo("Counter foo_bar of the traffic received by the container "
                        + "(OVS interface statistic tx_foo_bar).");
        assertThat(StatisticNames.counterHelp("rx_packets_ipv6"))
                .isEqualTo("Counter packets_ipv6 of the traffic sent by the container "
                        + "(OVS interface statistic rx_packets_ipv6).");
        for (String key : StatisticNames.KNOWN_KEYS) {
            assertThat(StatisticNames.counterHelp(key)).as(key).matches("[A-Z][a-z]+ .* \\(OVS interface "
                    + "statistic " + key + "\\)\\.").doesNotContain("Counter ");
        }
    }

    @Test
    void legacyNamesAreTheSwappedKeysWithTheOriginalLabels() {
        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(new LegacyEndpointMetrics().snapshots(join)));

        assertThat(samples).containsEntry("tx_bytes{containerName=\"pod-1-0-0\",endpointGroup=\"epg1-0-0\","
                + "host=\"node1\",interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}", 674996843.0);
        assertThat(samples).containsEntry("rx_bytes{containerName=\"pod-1-0-0\",endpointGroup=\"epg1-0-0\","
                + "host=\"node1\",interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}", 388302652.0);
        // an endpoint without a group has no endpointGroup label at all, as in the original
        assertThat(samples).containsEntry("collisions{containerName=\"pod-1-0-2\",host=\"node1\","
                + "interface=\"vvport6\",network=\"net1-0\",tenant=\"tenant1\"}", 738908273.0);
        assertThat(samples).hasSize(3 * 9);
    }
}
