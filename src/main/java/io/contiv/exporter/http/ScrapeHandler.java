package io.contiv.exporter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the metrics path. A plain scrape (GET or HEAD, no query) in a text format is answered from
 * {@link EncodedFamilies}, with the same format negotiation and gzip rule as the client library; anything else
 * ({@code ?name[]=} filters, {@code ?debug=}, the protobuf format) goes to the client library's own handler.
 */
final class ScrapeHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);
    private static final int WRITE_SLICE = 16 * 1024;

    private final Exposition exposition;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final EncodedFamilies encoded = new EncodedFamilies();
    private final HttpHandler library;

    ScrapeHandler(Exposition exposition) {
        this.exposition = exposition;
        this.library = new MetricsHandler(exposition.registry());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        boolean plainScrape = exchange.getRequestURI().getRawQuery() == null
                && ("GET".equals(method) || "HEAD".equals(method))
                && writer != formats.getPrometheusProtobufWriter();
        if (!plainScrape) {
            library.handle(exchange);
            return;
        }
        try (exchange) {
            List<byte[]> body;
            boolean gzip = acceptsGzip(exchange);
            try {
                body = encoded.encode(exposition.publications(), writer, EscapingScheme.fromAcceptHeader(accept), gzip);
            } catch (RuntimeException e) {
                LOG.warn("scrape failed", e);
                byte[] message = ("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(500, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            long length = body.stream().mapToLong(part -> part.length).sum();
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte[] part : body) {
                    // in slices: the JDK server copies each write into a buffer that grows to twice its size
                    for (int offset = 0; offset < part.length; offset += WRITE_SLICE) {
                        out.write(part, offset, Math.min(WRITE_SLICE, part.length - offset));
                    }
                }
            }
        }
    }

    /** Encodes a publication before a scrape asks for it; see {@link EncodedFamilies#preEncode}. */
    void preEncode(Publication publication) {
        try {
            encoded.preEncode(publication);
        } catch (IOException | RuntimeException e) {
            // the next scrape encodes them itself, and reports what goes wrong
            LOG.debug("encoding ahead of the scrape failed", e);
        }
    }

    /** As the client library decides it: any comma-separated Accept-Encoding value equal to gzip. */
    private static boolean acceptsGzip(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Accept-Encoding");
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            for (String encoding : header.split(",")) {
                if (encoding.trim().equalsIgnoreCase("gzip")) {
                    return true;
                }
            }
        }
        return false;
    }
}
