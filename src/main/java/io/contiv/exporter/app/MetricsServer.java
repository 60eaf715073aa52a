package io.contiv.exporter.app;

import com.sun.net.httpserver.HttpExchange;
import io.contiv.exporter.web.WebSecurity;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serves the registry over HTTP, with a small landing page at {@code /} that links to the metrics, and
 * {@value #HEALTH_PATH}, which answers 200 without collecting anything (the sidecars' readiness probe).
 */
public final class MetricsServer implements AutoCloseable {

    /** The Prometheus client's health endpoint (its body: "Exporter is healthy."). */
    public static final String HEALTH_PATH = "/-/healthy";

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    public static MetricsServer start(PrometheusRegistry registry, ListenAddress address, String telemetryPath,
                                      String title) throws IOException {
        return start(registry, address, telemetryPath, title, null);
    }

    /** With a web configuration (TLS, authentication, headers) when {@code security} is not null. */
    public static MetricsServer start(PrometheusRegistry registry, ListenAddress address, String telemetryPath,
                                      String title, WebSecurity security) throws IOException {
        HTTPServer.Builder builder = HTTPServer.builder()
                .port(address.port())
                .registry(registry)
                .metricsHandlerPath(telemetryPath)
                // on by default in the client; explicit, as the Kubernetes readiness probes depend on it
                .registerHealthHandler(true)
                .defaultHandler(exchange -> landingPage(exchange, telemetryPath, title));
        if (!address.allInterfaces()) {
            builder.hostname(address.host());
        }
        if (security != null) {
            builder.authenticator(security.authenticator());
            if (security.tlsEnabled()) {
                builder.httpsConfigurator(security.httpsConfigurator());
            }
        }
        return new MetricsServer(builder.buildAndStart());
    }

    public int port() {
        return server.getPort();
    }

    private static void landingPage(HttpExchange exchange, String telemetryPath, String title) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                byte[] body = "Not Found\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            String html = "<!DOCTYPE html>\n<html><head><title>contiv-exporter</title></head><body>"
                    + "<h1>contiv-exporter</h1><p>" + title + "</p>"
                    + "<p><a href=\"" + telemetryPath + "\">Metrics</a></p></body></html>\n";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
