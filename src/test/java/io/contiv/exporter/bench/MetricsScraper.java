package io.contiv.exporter.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for {@code GET /metrics}: one connection per scrape, the whole response read to the
 * end. Deliberately plain so that the bench measures the exporter, not a client library sharing its two cores.
 */
final class MetricsScraper {

    /** What one scrape asks for. */
    enum Flavour {
        /** {@code Accept: text/plain}, no compression: the cheapest response the exporter can give. */
        PLAIN_TEXT("text/plain;version=0.0.4", false),
        /** The headers Prometheus sends: it prefers OpenMetrics and asks for gzip. */
        AS_PROMETHEUS("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1", true);

        private final String accept;
        private final boolean gzip;

        Flavour(String accept, boolean gzip) {
            this.accept = accept;
            this.gzip = gzip;
        }
    }

    /** One response: status, size on the wire, how long it took, and the body when it was asked for. */
    record Response(int status, long bytes, long nanos, byte[] body) {
    }

    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final byte[] INFO_SERIES = "\ncontiv_endpoint_info{".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final Flavour flavour;

    MetricsScraper(int port, Flavour flavour) {
        this.port = port;
        this.flavour = flavour;
    }

    /** Scrapes once, discarding the body. */
    Response scrape() throws IOException {
        return scrape(false);
    }

    /** Scrapes once and keeps the body (only for the plain flavour, which is not compressed). */
    Response scrapeKeepingBody() throws IOException {
        return scrape(true);
    }

    private Response scrape(boolean keepBody) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + flavour.accept
                    + "\r\n" + (flavour.gzip ? "Accept-Encoding: gzip\r\n" : "") + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream(1 << 20) : null;
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int status = -1;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (status < 0) {
                    status = statusCode(buffer, n);
                }
                total += n;
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
            }
            return new Response(status, total, System.nanoTime() - started, kept == null ? null : kept.toByteArray());
        }
    }

    /** How many endpoints a plain-text body reports (its {@code contiv_endpoint_info} series). */
    static int endpointsIn(byte[] body) {
        int count = 0;
        outer:
        for (int i = 0; i + INFO_SERIES.length <= body.length; i++) {
            for (int j = 0; j < INFO_SERIES.length; j++) {
                if (body[i + j] != INFO_SERIES[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    static boolean contains(byte[] body, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int statusCode(byte[] head, int length) {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space
        for (int i = 0; i + 3 < length; i++) {
            if (head[i] == ' ') {
                return (head[i + 1] - '0') * 100 + (head[i + 2] - '0') * 10 + (head[i + 3] - '0');
            }
        }
        return 0;
    }
}
