package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.support.FreshEveryScrape;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics path answers from encoded families kept between scrapes; what it sends must be byte for byte what the
 * client library's writers make of the same snapshots, in every format and with gzip.
 */
class MetricsServerTest {

    /** Like the netplugin collector: big families that stay the same objects, and a small one that changes. */
    private final List<MetricSnapshot> unchanging = List.of(counters(), info());
    private final AtomicInteger scrapes = new AtomicInteger();
    private final List<MetricSnapshots> served = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() throws IOException {
        Exposition exposition = FreshEveryScrape.exposition(() -> {
            List<MetricSnapshot> snapshots = new ArrayList<>(unchanging);
            snapshots.add(GaugeSnapshot.builder().name("contiv_test_scrapes").help("Scrapes so far.")
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(scrapes.incrementAndGet()).build())
                    .build());
            MetricSnapshots result = new MetricSnapshots(snapshots);
            synchronized (served) {
                served.add(result);
            }
            return snapshots;
        });
        server = MetricsServer.start(exposition, new ListenAddress("127.0.0.1", 0), "/metrics", "test", null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plainTextIsWhatTheLibraryWriterMakesOfTheSameSnapshots() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = get("/metrics", "text/plain;version=0.0.4", false);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(PrometheusTextFormatWriter.CONTENT_TYPE);
            assertThat(text(response.body())).isEqualTo(prometheusText(lastServed()));
        }
    }

    @Test
    void gzipIsOneStreamOfSeveralMembersThatDecompressesToTheSameText() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = get("/metrics", "text/plain;version=0.0.4", true);

            assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(text(gunzip(response.body()))).isEqualTo(prometheusText(lastServed()));
        }
    }

    @Test
    void openMetricsEndsWithOneEofAfterAllFamilies() throws Exception {
        String accept = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
        for (boolean gzip : new boolean[] {false, true, false}) {
            HttpResponse<byte[]> response = get("/metrics", accept, gzip);
            String body = text(gzip ? gunzip(response.body()) : response.body());

            assertThat(body).isEqualTo(openMetricsText(lastServed()));
            assertThat(body.split("# EOF", -1)).hasSize(2);
            assertThat(body).endsWith("# EOF\n");
        }
    }

    @Test
    void queriesAndHeadAndHealthStillWork() throws Exception {
        assertThat(text(get("/metrics?debug=text", null, false).body())).contains("contiv_test_requests_total{");
        String filtered = text(get("/metrics?name[]=contiv_test_scrapes", "text/plain", false).body());
        assertThat(filtered).contains("contiv_test_scrapes").doesNotContain("contiv_test_requests_total");
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(text(get("/-/healthy", null, false).body())).isEqualTo("Exporter is healthy.\n");
        assertThat(text(get("/", null, false).body())).contains("<a href=\"/metrics\">");
        assertThat(get("/nothing", null, false).statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> get(String path, String accept, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private MetricSnapshots lastServed() {
        synchronized (served) {
            return served.get(served.size() - 1);
        }
    }

    private static String prometheusText(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String openMetricsText(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        // GZIPInputStream reads every member of a multi-member stream, as Prometheus' reader does
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static CounterSnapshot counters() {
        CounterSnapshot.Builder counters = CounterSnapshot.builder().name("contiv_test_requests")
                .help("Requests, with a \"quoted\" help\\text.");
        for (int i = 0; i < 50; i++) {
            counters.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("interface", "vvport" + i, "tenant", i % 2 == 0 ? "default" : "t\"1"))
                    .value(i * 1_000_003.0).build());
        }
        return counters.build();
    }

    private static InfoSnapshot info() {
        return InfoSnapshot.builder().name("contiv_test").help("Test info.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", "1")).build())
                .build();
    }
}
