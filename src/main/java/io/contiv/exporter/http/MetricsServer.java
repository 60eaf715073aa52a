package io.contiv.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.web.WebSecurity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the registry over HTTP: the metrics path through {@link ScrapeHandler}, which reuses encoded families
 * between scrapes, a small landing page at {@code /} that links to the metrics, and {@code /-/healthy}.
 */
public final class MetricsServer implements AutoCloseable {

    /** Answers 200 without collecting anything: the sidecars' readiness probe. */
    public static final String HEALTH_PATH = "/-/healthy";

    /** Scrapes served at once; more wait in line. Several Prometheus servers may scrape one exporter. */
    private static final int HANDLER_THREADS = 4;

    static {
        // what the client library's HTTPServer sets: a client that stalls cannot hold a thread forever
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "60");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "600");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScrapeHandler scrapes;

    private MetricsServer(HttpServer server, ExecutorService executor, ScrapeHandler scrapes) {
        this.server = server;
        this.executor = executor;
        this.scrapes = scrapes;
    }

    /** With a web configuration (TLS, authentication, headers) when {@code security} is not null. */
    public static MetricsServer start(Exposition exposition, ListenAddress address, String telemetryPath,
                                      String title, WebSecurity security) throws IOException {
        InetSocketAddress bindTo = address.allInterfaces()
                ? new InetSocketAddress(address.port()) : new InetSocketAddress(address.host(), address.port());
        if (bindTo.isUnresolved()) {
            throw new UnknownHostException("cannot listen on " + address + ": unknown host " + address.host());
        }
        HttpServer server;
        try {
            if (security != null && security.tlsEnabled()) {
                HttpsServer https = HttpsServer.create(bindTo, 3);
                https.setHttpsConfigurator(security.httpsConfigurator());
                server = https;
            } else {
                server = HttpServer.create(bindTo, 3);
            }
        } catch (BindException e) {
            // the JDK's message ("Address already in use") does not say which address
            BindException named = new BindException("cannot listen on " + address + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
        ExecutorService executor = handlerThreads();
        server.setExecutor(executor);
        if (!"/".equals(telemetryPath)) {
            protect(server.createContext("/", exchange -> landingPage(exchange, telemetryPath, title)), security);
        }
        ScrapeHandler scrapes = new ScrapeHandler(exposition);
        protect(server.createContext(telemetryPath, scrapes), security);
        protect(server.createContext(HEALTH_PATH, MetricsServer::healthy), security);
        try {
            // started from a daemon thread, the server's dispatcher thread is a daemon too (as in the client library)
            executor.submit(server::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new IOException("interrupted while starting the HTTP server", e);
        } catch (ExecutionException e) {
            server.stop(0);
            executor.shutdownNow();
            throw new IOException("cannot start the HTTP server", e.getCause());
        }
        return new MetricsServer(server, executor, scrapes);
    }

    /** Every path, the health probe included, sits behind the same authentication, as in exporter-toolkit. */
    private static void protect(HttpContext context, WebSecurity security) {
        if (security != null) {
            context.setAuthenticator(security.authenticator());
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Encodes a fresh publication for the formats scraped lately, before the next scrape asks for it. */
    public void preEncode(Publication publication) {
        scrapes.preEncode(publication);
    }

    private static ExecutorService handlerThreads() {
        AtomicInteger count = new AtomicInteger();
        // a fixed pool: the client library's grows past one thread only once 100 requests queue, so concurrent
        // scrapes were served one after the other
        ThreadPoolExecutor executor = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(100), runnable -> {
                    Thread thread = new Thread(runnable, "contiv-exporter-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
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

    private static void healthy(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = "Exporter is healthy.\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
