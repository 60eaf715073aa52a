package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import io.contiv.exporter.support.ReferenceNetmaster;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.Promtool;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference cluster end to end: a real ovsdb-server holding the reference interfaces, a real etcd holding the
 * leader key, and a netmaster stand-in serving the reference payloads byte for byte.
 */
class ReferenceClusterIT {

    private static final String LEADER_KEY = "/contiv.io/lock/netmaster/leader";
    private static final String VVPORT4 = "{container=\"pod-1-0-0\",endpoint_group=\"epg1-0-0\",host=\"node1\","
            + "interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}";

    private static RealOvsdbServer ovsdb;
    private static RealEtcd etcd;
    private static NetmasterStandIn netmaster;

    @BeforeAll
    static void startCluster() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        ovsdb = RealOvsdbServer.start();
        ovsdb.addBridge("contivVxlanBridge");
        for (OvsInterface row : ReferenceData.interfaces()) {
            ovsdb.addInterface("contivVxlanBridge", row.name(), row.externalIds(), row.statistics());
        }
        etcd = RealEtcd.start();
        netmaster = ReferenceNetmaster.start();
        etcd.putV2(LEADER_KEY, netmaster.hostPort());
    }

    @AfterAll
    static void stopCluster() {
        if (netmaster != null) {
            netmaster.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (ovsdb != null) {
            ovsdb.close();
        }
    }

    @Test
    void netpluginModeServesTheReferenceEndpointsWithPrometheusNames() {
        netmaster.resetRequestCounts();
        try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin", "--metadata-source", "netmaster",
                "--etcd", "etcd://127.0.0.1:1," + etcd.endpoint(), "--ovsdb", ovsdb.tcpAddress())) {
            long started = System.nanoTime();
            HttpResponse<String> response = exporter.get("/metrics");
            double firstScrapeSeconds = (System.nanoTime() - started) / 1e9;
            String body = response.body();
            Map<String, Double> samples = ExpositionText.samples(body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(samples).containsEntry("contiv_endpoint_transmit_bytes_total" + VVPORT4, 674996843.0)
                    .containsEntry("contiv_endpoint_receive_bytes_total" + VVPORT4, 388302652.0)
                    .containsEntry("contiv_endpoint_collisions_total" + VVPORT4, 74684276.0)
                    .containsEntry("contiv_exporter_source_up{source=\"etcd\"}", 1.0)
                    .containsEntry("contiv_exporter_source_up{source=\"netmaster\"}", 1.0)
                    .containsEntry("contiv_exporter_source_up{source=\"ovsdb\"}", 1.0);
            Map<String, Long> perFamily = familyCounts(samples);
            assertThat(perFamily).containsEntry("contiv_endpoint_info", 3L)
                    .containsEntry("contiv_endpoint_transmit_bytes_total", 3L)
                    .containsEntry("contiv_endpoint_receive_packets_total", 3L);
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_endpoint_"))).hasSize(3 * 9 + 3);
            assertThat(body).doesNotContain("vvport-orphan");
            // netmaster is asked about the endpoints this node's OVS holds, one by one, and nothing else
            assertThat(netmaster.requestCounts().keySet())
                    .allMatch(path -> path.startsWith("/api/v1/inspect/endpoints/"))
                    .contains("/api/v1/inspect/endpoints/89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71/");
            assertThat(Promtool.locate().checkMetrics(body).output()).isEmpty();
            System.out.printf("netplugin/prometheus: %d series, first scrape %.3f s%n", samples.size(),
                    firstScrapeSeconds);
        }
    }

    @Test
    void netpluginModeLegacyNamesOverTheUnixSocket() {
        try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin", "--metric-names", "legacy",
                "--metadata-source", "netmaster", "--etcd", etcd.endpoint(), "--ovsdb", ovsdb.unixAddress())) {
            String body = exporter.get("/metrics").body();
            Map<String, Double> samples = ExpositionText.samples(body);

            assertThat(samples).containsEntry("tx_bytes{containerName=\"pod-1-0-0\",endpointGroup=\"epg1-0-0\","
                    + "host=\"node1\",interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}", 674996843.0)
                    .containsEntry("rx_dropped{containerName=\"pod-1-0-2\",host=\"node1\",interface=\"vvport6\","
                            + "network=\"net1-0\",tenant=\"tenant1\"}", 993631208.0)
                    .containsEntry("collisions{containerName=\"pod-0-0-1\",endpointGroup=\"epg0-0-1\","
                            + "host=\"node1\",interface=\"vvport2\",network=\"net0-0\",tenant=\"default\"}",
                            865241839.0);
            // besides the exporter's health, drops by reason is served in both naming schemes (the original had no
            // node-level families; the reference node has no tunnels)
            assertThat(samples.keySet().stream().filter(k -> !k.startsWith("contiv_exporter_")
                    && !k.startsWith("contiv_dropped_packets_total{"))).hasSize(3 * 9);
            // the original's camelCase label names are the one lint the legacy scheme must keep
            assertThat(Promtool.locate().checkMetrics(body).output().lines())
                    .isNotEmpty().allMatch(line -> line.contains("should be written in 'snake_case' not 'camelCase'"));
        }
    }

    @Test
    void netmasterModeServesTheInventoryInBothSchemes() {
        try (RunningExporter exporter = RunningExporter.start("--mode", "netmaster", "--etcd", etcd.endpoint())) {
            String body = exporter.get("/metrics").body();
            Map<String, Double> samples = ExpositionText.samples(body);
            assertThat(samples).containsEntry("contiv_tenants", 2.0)
                    .containsEntry("contiv_endpoint_groups{network=\"net1-0\",tenant=\"tenant1\"}", 2.0)
                    .containsEntry("contiv_policies{endpoint_group=\"epg1-0-1\",network=\"net1-0\",tenant=\"tenant1\"}",
                            2.0)
                    .containsEntry("contiv_endpoints{endpoint_group=\"epg1-0-1\",host=\"node2\",network=\"net1-0\","
                            + "tenant=\"tenant1\"}", 1.0)
                    .containsEntry("contiv_exporter_source_up{source=\"netmaster\"}", 1.0)
                    .doesNotContainKey("contiv_exporter_source_up{source=\"ovsdb\"}");
            assertThat(Promtool.locate().checkMetrics(body).output()).isEmpty();
            System.out.printf("netmaster/prometheus: %d series%n", samples.size());
        }
        try (RunningExporter exporter = RunningExporter.start("--mode", "netmaster", "--metric-names", "legacy",
                "--netmaster", netmaster.hostPort())) {
            Map<String, Double> samples = ExpositionText.samples(exporter.get("/metrics").body());
            assertThat(samples).containsEntry("count_of_tenants", 2.0)
                    .containsEntry("count_of_networks{tenant=\"tenant1\"}", 1.0)
                    .containsEntry("count_of_policies{endpointGroup=\"epg0-0-0\",network=\"net0-0\",tenant=\"default\"}",
                            1.0)
                    .doesNotContainKey("contiv_exporter_source_up{source=\"etcd\"}");
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("count_of_"))).hasSize(9);
        }
    }

    @Test
    void theLeaderIsFoundThroughTheEtcdV3Gateway() {
        try (RealEtcd v3only = RealEtcd.start()) {
            v3only.putV3(LEADER_KEY, netmaster.hostPort());
            try (RunningExporter exporter = RunningExporter.start("--mode", "netmaster",
                    "--etcd", v3only.endpoint())) {
                Map<String, Double> samples = ExpositionText.samples(exporter.get("/metrics").body());
                assertThat(samples).containsEntry("contiv_exporter_source_up{source=\"etcd\"}", 1.0)
                        .containsEntry("contiv_tenants", 2.0);
            }
        }
    }

    @Test
    void theLandingPageLinksToTheMetrics() {
        try (RunningExporter exporter = RunningExporter.start("--mode", "netmaster",
                "--netmaster", netmaster.hostPort(), "--web.telemetry-path", "/custom")) {
            HttpResponse<String> page = exporter.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("href=\"/custom\"");
            assertThat(exporter.get("/custom").body()).contains("contiv_tenants 2");
        }
    }

    private static Map<String, Long> familyCounts(Map<String, Double> samples) {
        return samples.keySet().stream().collect(Collectors.groupingBy(
                k -> k.contains("{") ? k.substring(0, k.indexOf('{')) : k, Collectors.counting()));
    }

}
