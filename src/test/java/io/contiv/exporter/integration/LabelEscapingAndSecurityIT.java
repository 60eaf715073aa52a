package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.app.Exporter;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.RealPrometheus;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.TestPki;
import io.contiv.exporter.web.WebSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Label values with quotes, backslashes, a newline and non-ASCII, from netmaster through the exporter into a real
 * Prometheus, read back through its HTTP API exactly as netmaster gave them; the same exporter scraped by that
 * Prometheus over TLS with basic auth (up), and with a wrong password (down).
 */
class LabelEscapingAndSecurityIT {

    private static final String CONTAINER = "web \"a\"\\b\nñ-服务";
    private static final String GROUP = "grp \\\"x\" ☃";
    private static final String PASSWORD = "prometheus-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void labelValuesSurviveThePathIntoPrometheusAndSecuredScrapesWork() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        Requirements.fromEnvironment().requireBinaries(RealPrometheus.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start(); NetmasterStandIn netmaster = netmaster();
             TestPki pki = TestPki.create()) {
            ovsdb.addBridge("contivVxlanBridge");
            ovsdb.addInterface("contivVxlanBridge", "vvport1", Map.of("endpoint-id", "ep-odd"),
                    Map.of("rx_bytes", 100L, "tx_bytes", 200L));

            String hash = BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray());
            java.nio.file.Path webConfig = pki.tlsWithBasicAuth("web.yml", "prometheus", hash);

            Exporter exporter = Exporter.create(RunningExporter.options("--mode", "netplugin", "--node.name",
                    "node1", "--netmaster", netmaster.hostPort(), "--ovsdb", ovsdb.tcpAddress()));
            try (exporter;
                 MetricsServer plain = MetricsServer.start(exporter.exposition(), new ListenAddress("127.0.0.1", 0),
                         "/metrics", "plain", null);
                 MetricsServer secure = MetricsServer.start(exporter.exposition(), new ListenAddress("127.0.0.1", 0),
                         "/metrics", "secure", WebSecurity.load(webConfig));
                 RealPrometheus prometheus = RealPrometheus.start(config(plain.port(), secure.port(), pki))) {

                JsonNode series = prometheus.awaitResult(
                        "contiv_endpoint_receive_bytes_total{job=\"plain\",interface=\"vvport1\"}",
                        Duration.ofSeconds(30));
                JsonNode labels = series.get(0).path("metric");
                assertThat(labels.path("container").asText()).isEqualTo(CONTAINER);
                assertThat(labels.path("endpoint_group").asText()).isEqualTo(GROUP);
                assertThat(series.get(0).path("value").get(1).asText()).isEqualTo("200");

                // and found by the exact value in PromQL, escaped as PromQL escapes it
                String selector = "contiv_endpoint_receive_bytes_total{job=\"plain\",container=" + promqlString(CONTAINER)
                        + ",endpoint_group=" + promqlString(GROUP) + "}";
                assertThat(prometheus.awaitResult(selector, Duration.ofSeconds(10))).hasSize(1);

                // the same series over TLS with basic auth; a wrong password leaves that target down
                JsonNode secured = prometheus.awaitResult(
                        "contiv_endpoint_receive_bytes_total{job=\"secure\",interface=\"vvport1\"}",
                        Duration.ofSeconds(30));
                assertThat(secured.get(0).path("metric").path("container").asText()).isEqualTo(CONTAINER);
                assertThat(prometheus.awaitResult("up{job=\"secure\"} == 1", Duration.ofSeconds(30))).hasSize(1);
                assertThat(prometheus.awaitResult("up{job=\"wrong-password\"} == 0", Duration.ofSeconds(30)))
                        .hasSize(1);
                assertThat(prometheus.awaitResult("up{job=\"plain-to-tls\"} == 0", Duration.ofSeconds(30)))
                        .hasSize(1);
            }
        }
    }

    private static String config(int plainPort, int securePort, TestPki pki) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: plain
                    static_configs: [{targets: ['127.0.0.1:%1$d']}]
                  - job_name: secure
                    scheme: https
                    tls_config: {ca_file: '%3$s'}
                    basic_auth: {username: prometheus, password: '%4$s'}
                    static_configs: [{targets: ['127.0.0.1:%2$d']}]
                  - job_name: wrong-password
                    scheme: https
                    tls_config: {ca_file: '%3$s'}
                    basic_auth: {username: prometheus, password: 'not-it'}
                    static_configs: [{targets: ['127.0.0.1:%2$d']}]
                  - job_name: plain-to-tls
                    static_configs: [{targets: ['127.0.0.1:%2$d']}]
                """.formatted(plainPort, securePort, pki.path("server-ca.crt"), PASSWORD);
    }

    private static NetmasterStandIn netmaster() throws Exception {
        ObjectNode config = JSON.createObjectNode().put("key", "t1:n1").put("tenantName", "t1")
                .put("networkName", "n1").put("nwType", "data").put("encap", "vxlan")
                .put("subnet", "10.9.0.0/24").put("gateway", "10.9.0.1");
        ObjectNode endpoint = JSON.createObjectNode().put("endpointID", "ep-odd").put("containerID", "c1")
                .put("containerName", CONTAINER).put("homingHost", "node1").put("serviceName", GROUP)
                .put("macAddress", "02:02:0a:09:00:02");
        endpoint.putArray("ipAddress").add("10.9.0.2").add("");
        ObjectNode inspect = JSON.createObjectNode();
        inspect.set("Config", config);
        ObjectNode oper = inspect.putObject("Oper").put("allocatedAddressesCount", 1).put("numEndpoints", 1);
        oper.putArray("endpoints").add(endpoint);
        ArrayNode networks = JSON.createArrayNode();
        networks.add(config.deepCopy().<ObjectNode>set("link-sets", JSON.createObjectNode())
                .set("links", JSON.createObjectNode()));
        NetmasterStandIn standIn = NetmasterStandIn.servingFixedBodies(Map.of(
                "/api/v1/networks/", JSON.writeValueAsBytes(networks),
                "/api/v1/tenants/", "[{\"key\":\"t1\",\"tenantName\":\"t1\"}]".getBytes(StandardCharsets.UTF_8),
                "/api/v1/endpointGroups/", "[]".getBytes(StandardCharsets.UTF_8),
                "/api/v1/inspect/networks/t1:n1/", JSON.writeValueAsBytes(inspect)));
        standIn.start();
        return standIn;
    }

    /** A PromQL double-quoted string literal (Go's escapes). */
    private static String promqlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
