package io.contiv.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus server with the given configuration, its TSDB in a temporary directory, listening on a
 * free loopback port. Extra files (rule files, say) are written beside the configuration, so the
 * configuration can name them by relative path.
 */
public final class RealPrometheus implements AutoCloseable {

    public static final List<String> REQUIRED_BINARIES = List.of("prometheus");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final TemporaryDirectory directory;
    private final int port;
    private final ExternalProcess process;

    private RealPrometheus(TemporaryDirectory directory, int port, ExternalProcess process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        this.mapper = new ObjectMapper();
    }

    public static RealPrometheus start(String configuration) {
        return start(configuration, Map.of());
    }

    public static RealPrometheus start(String configuration, Map<String, String> extraFiles) {
        return start(Binaries.fromEnvironment(), configuration, extraFiles);
    }

    public static RealPrometheus start(Binaries binaries, String configuration, Map<String, String> extraFiles) {
        return PortConflictRetry.start("prometheus", () -> {
            TemporaryDirectory directory = TemporaryDirectory.create("contiv-prometheus-");
            RealPrometheus prometheus = null;
            try {
                Path configFile = directory.write("prometheus.yml", configuration);
                extraFiles.forEach(directory::write);
                int port = FreePorts.loopbackPort();
                ExternalProcess process = ExternalProcess.start("prometheus", List.of(
                        binaries.require("prometheus").toString(),
                        "--config.file=" + configFile,
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=info"), directory.resolve("prometheus.log"));
                prometheus = new RealPrometheus(directory, port, process);
                RealPrometheus starting = prometheus;
                process.awaitCondition("GET " + prometheus.baseUrl() + "/-/ready answers 200", STARTUP_TIMEOUT,
                        () -> starting.get("/-/ready").statusCode() == 200);
                return prometheus;
            } catch (RuntimeException e) {
                if (prometheus != null) {
                    prometheus.close();
                } else {
                    directory.close();
                }
                throw e;
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path configFile() {
        return directory.resolve("prometheus.yml");
    }

    public Path logFile() {
        return process.logFile();
    }

    /** The parsed response of GET /api/v1/query (fields status, data.resultType, data.result). */
    public JsonNode query(String promql) {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = readJson(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("query " + promql + " failed with HTTP " + response.statusCode()
                    + ": " + response.body());
        }
        return body;
    }

    /** Polls the query until data.result is non-empty (scrapes and rule evaluations take time) and returns it. */
    public JsonNode awaitResult(String promql, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode result = query(promql).path("data").path("result");
            if (!result.isEmpty()) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("query " + promql + " still empty after " + timeout
                        + "\n--- last lines of " + logFile() + " ---\n" + process.logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            process.stop();
        } finally {
            directory.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + baseUrl() + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus answered with invalid JSON: " + body, e);
        }
    }
}
