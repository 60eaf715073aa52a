package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealPrometheusTest {

    private static final String EXPOSITION = "# TYPE contiv_fixture_answer gauge\ncontiv_fixture_answer 42\n";

    @BeforeEach
    void requirePrometheus() {
        Requirements.fromEnvironment().requireBinaries(RealPrometheus.REQUIRED_BINARIES);
    }

    @Test
    void answersQueriesScrapesATargetAndEvaluatesRuleFilesWrittenBesideTheConfiguration() throws IOException {
        HttpServer target = metricsServer();
        String config = configScraping(target.getAddress().getPort()) + "rule_files: [rules.yml]\n";
        String rules = """
                groups:
                  - name: fixture
                    interval: 1s
                    rules:
                      - record: contiv_fixture_answer_doubled
                        expr: contiv_fixture_answer * 2
                """;
        // One server for all checks: Prometheus 2.42 scrapes a new target only after about 5 s.
        try (RealPrometheus prometheus = RealPrometheus.start(config, Map.of("rules.yml", rules))) {
            JsonNode upNow = prometheus.query("up");
            assertThat(upNow.path("status").asText()).isEqualTo("success");
            assertThat(upNow.path("data").path("resultType").asText()).isEqualTo("vector");

            JsonNode up = prometheus.awaitResult("up{job=\"fixture\"}", Duration.ofSeconds(20));
            assertThat(up.get(0).path("value").get(1).asText()).isEqualTo("1");
            JsonNode answer = prometheus.awaitResult("contiv_fixture_answer", Duration.ofSeconds(20));
            assertThat(answer.get(0).path("value").get(1).asText()).isEqualTo("42");
            JsonNode doubled = prometheus.awaitResult("contiv_fixture_answer_doubled", Duration.ofSeconds(20));
            assertThat(doubled.get(0).path("value").get(1).asText()).isEqualTo("84");
        } finally {
            target.stop(0);
        }
    }

    private static String configScraping(int port) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: fixture
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port);
    }

    private static HttpServer metricsServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
