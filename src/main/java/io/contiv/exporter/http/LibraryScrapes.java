package io.contiv.exporter.http;

import io.contiv.exporter.ExporterLogs;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What the scrape handler leaves to the client library ({@code ?name[]=} filters, {@code ?debug=}, protobuf): its
 * handler renders into memory, so that no thread waits on a client that does not read, and at most
 * {@link #AT_ONCE} such answers are rendered or sent at a time: each is a whole collection, uncached, and its bytes
 * are held until the client has read them.
 */
final class LibraryScrapes {

    static final int AT_ONCE = 2;

    private static final Logger LOG = ExporterLogs.logger(LibraryScrapes.class);

    private final PrometheusScrapeHandler handler;
    private final Semaphore inFlight = new Semaphore(AT_ONCE);

    LibraryScrapes(PrometheusRegistry registry) {
        this.handler = new PrometheusScrapeHandler(registry);
    }

    /** A rendered answer; closing it (once sent, or failed) lets the next one be rendered. */
    static final class Rendered implements AutoCloseable {
        final int status;
        final Map<String, String> headers;
        final byte[] body;
        private final Semaphore inFlight;
        private boolean closed;

        Rendered(int status, Map<String, String> headers, byte[] body, Semaphore inFlight) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.inFlight = inFlight;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                inFlight.release();
            }
        }
    }

    /** The library's answer, or null when {@link #AT_ONCE} are already under way. */
    Rendered render(String method, String path, String query, Function<String, List<String>> headers) {
        if (!inFlight.tryAcquire()) {
            return null;
        }
        Exchange exchange = new Exchange(method, path, query, headers);
        try {
            handler.handleRequest(exchange);
        } catch (IOException | RuntimeException e) {
            exchange.failed(e);
        }
        return new Rendered(exchange.status, exchange.responseHeaders, exchange.body.toByteArray(), inFlight);
    }

    /** The client library's view of one request, answered into memory. */
    private static final class Exchange implements PrometheusHttpExchange, PrometheusHttpRequest,
            PrometheusHttpResponse {
        private final String method;
        private final String path;
        private final String query;
        private final Function<String, List<String>> requestHeaders;
        private final Map<String, String> responseHeaders = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 500;

        Exchange(String method, String path, String query, Function<String, List<String>> requestHeaders) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.requestHeaders = requestHeaders;
        }

        void failed(Exception e) {
            LOG.warn("scrape failed", e);
            status = 500;
            responseHeaders.clear();
            responseHeaders.put("Content-Type", "text/plain; charset=utf-8");
            body.reset();
            body.writeBytes(("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public void handleException(IOException e) {
            failed(e);
        }

        @Override
        public void handleException(RuntimeException e) {
            failed(e);
        }

        @Override
        public void close() {
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> values = requestHeaders.apply(name);
            return Collections.enumeration(values == null ? List.of() : values);
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getRequestPath() {
            return path;
        }

        @Override
        public void setHeader(String name, String value) {
            responseHeaders.put(name, value);
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            status = statusCode;
            return body;
        }
    }
}
