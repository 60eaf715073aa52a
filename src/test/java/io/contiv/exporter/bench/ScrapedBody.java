package io.contiv.exporter.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Reads a scrape's body as it streams out of gzip, without holding the text: how many endpoints it lists, and
 * which statistics round every interface's {@code collisions} counter shows.
 */
final class ScrapedBody {

    /** What one body showed. {@code minRound} and {@code maxRound} are -1 when no counter was found. */
    record Seen(int endpoints, int counters, long minRound, long maxRound) {
    }

    private static final byte[] INFO = "contiv_endpoint_info{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COLLISIONS = "contiv_endpoint_collisions_total{".getBytes(StandardCharsets.US_ASCII);

    private ScrapedBody() {
    }

    /** {@code body} is the HTTP response (headers included) of a gzip scrape. */
    static Seen readGzipResponse(byte[] response) throws IOException {
        int bodyStart = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        if (bodyStart < 4) {
            throw new IOException("no end of headers in the response");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response, bodyStart,
                response.length - bodyStart), 64 * 1024)) {
            return read(in);
        }
    }

    private static Seen read(InputStream in) throws IOException {
        byte[] line = new byte[64 * 1024];
        int length = 0;
        int endpoints = 0;
        int counters = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b != '\n') {
                    if (length < line.length) {
                        line[length] = b;
                    }
                    length++;
                    continue;
                }
                if (startsWith(line, length, INFO)) {
                    endpoints++;
                } else if (startsWith(line, length, COLLISIONS)) {
                    long round = (long) (value(line, Math.min(length, line.length)) / 1e7);
                    counters++;
                    min = Math.min(min, round);
                    max = Math.max(max, round);
                }
                length = 0;
            }
        }
        return new Seen(endpoints, counters, counters == 0 ? -1 : min, counters == 0 ? -1 : max);
    }

    private static double value(byte[] line, int length) {
        int space = length - 1;
        while (space > 0 && line[space] != ' ') {
            space--;
        }
        return Double.parseDouble(new String(line, space + 1, length - space - 1, StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] line, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
