package io.contiv.exporter.http;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;

/**
 * Answers a plain scrape (GET or HEAD, no query) in a text format from {@link EncodedFamilies}, with the same
 * format negotiation and gzip rule as the client library. Anything else ({@code ?name[]=} filters, {@code ?debug=},
 * the protobuf format) is left to the client library's own handler. Knows nothing of the HTTP server: given the
 * method, query, Accept and Accept-Encoding of a request, it gives the status, headers and body parts.
 */
final class ScrapeHandler {

    /** What to send back: the body as parts, written one after the other. */
    record Answer(int status, String contentType, String contentEncoding, List<byte[]> body) {

        long length() {
            return body.stream().mapToLong(part -> part.length).sum();
        }
    }

    private static final Logger LOG = ExporterLogs.logger(ScrapeHandler.class);

    private final Exposition exposition;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final EncodedFamilies encoded = new EncodedFamilies();

    ScrapeHandler(Exposition exposition) {
        this.exposition = exposition;
    }

    /** The answer to a plain scrape, or null when the client library's handler should answer the request. */
    Answer answer(String method, String query, String accept, String acceptEncoding) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        boolean plainScrape = query == null && ("GET".equals(method) || "HEAD".equals(method))
                && writer != formats.getPrometheusProtobufWriter();
        if (!plainScrape) {
            return null;
        }
        boolean gzip = acceptsGzip(acceptEncoding);
        try {
            List<byte[]> body = encoded.encode(exposition.publications(), writer,
                    EscapingScheme.fromAcceptHeader(accept), gzip);
            return new Answer(200, writer.getContentType(), gzip ? "gzip" : null, body);
        } catch (IOException | RuntimeException e) {
            LOG.warn("scrape failed", e);
            return new Answer(500, "text/plain; charset=utf-8", null,
                    List.of(("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8)));
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
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String encoding : acceptEncoding.split(",")) {
            if (encoding.trim().equalsIgnoreCase("gzip")) {
                return true;
            }
        }
        return false;
    }
}
