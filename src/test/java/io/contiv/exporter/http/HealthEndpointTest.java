package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.support.FreshEveryScrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints the deployment relies on: metrics, landing page, and /-/healthy for readiness probes. */
class HealthEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthEndpointAnswersWithoutCollecting() throws Exception {
        AtomicInteger collections = new AtomicInteger();
        Exposition exposition = FreshEveryScrape.exposition(() -> {
            collections.incrementAndGet();
            return List.of();
        });
        try (MetricsServer server = MetricsServer.start(exposition, new ListenAddress("127.0.0.1", 0), "/metrics",
                "test", null)) {
            HttpResponse<String> healthy = get(server, MetricsServer.HEALTH_PATH);
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("Exporter is healthy.\n");
            assertThat(collections).hasValue(0);

            assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
            assertThat(collections).hasValue(1);
            assertThat(get(server, "/").body()).contains("href=\"/metrics\"");
            assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
