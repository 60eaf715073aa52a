package io.contiv.exporter.support;

import io.contiv.exporter.app.Exporter;
import io.contiv.exporter.app.ExporterOptions;
import io.contiv.exporter.app.ServeCommand;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An exporter started in-process on a free loopback port, configured with the same flags as the command line. */
public final class RunningExporter implements AutoCloseable {

    private final Exporter exporter;
    private final MetricsServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningExporter(Exporter exporter, MetricsServer server) {
        this.exporter = exporter;
        this.server = server;
    }

    public static ExporterOptions options(String... args) {
        return ExporterOptions.parse(args);
    }

    /** Serves on 127.0.0.1 and a free port; {@code args} are those of {@code serve} (but its listen address). */
    public static RunningExporter start(String... args) {
        ServeCommand serve = ServeCommand.parse(args);
        Exporter exporter = Exporter.create(serve.options());
        try {
            return new RunningExporter(exporter, exporter.serve(new ListenAddress("127.0.0.1", 0),
                    serve.serving().telemetryPath(), "test", null));
        } catch (IOException e) {
            exporter.close();
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.port();
    }

    public Exporter exporter() {
        return exporter;
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes until the condition holds on the body (sources fill their caches in the background), bounded. */
    public String scrapeUntil(java.util.function.Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = get("/metrics").body();
        while (!condition.test(body) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            body = get("/metrics").body();
        }
        return body;
    }

    @Override
    public void close() {
        server.close();
        exporter.close();
    }
}
