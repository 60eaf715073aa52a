package io.contiv.exporter.simulation.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to send.
 *
 * @param length  the body's length, or -1 when it streams (sent chunked)
 * @param endless whether the body goes on until the client or the server gives up (a watch), so it cannot be
 *                read whole
 */
public record SimulatedResponse(int status, String contentType, Map<String, String> headers, BodyWriter body,
                                long length, boolean endless) {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public SimulatedResponse {
        headers = Map.copyOf(headers);
    }

    public static SimulatedResponse bytes(int status, String contentType, byte[] body) {
        byte[] copy = body.clone();
        return new SimulatedResponse(status, contentType, Map.of(), out -> out.write(copy), copy.length, false);
    }

    public static SimulatedResponse text(int status, String body) {
        return bytes(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    public static SimulatedResponse streaming(int status, String contentType, BodyWriter body) {
        return new SimulatedResponse(status, contentType, Map.of(), body, -1, false);
    }

    /** A body written as things happen, for as long as the connection lasts. */
    public static SimulatedResponse endless(int status, String contentType, BodyWriter body) {
        return new SimulatedResponse(status, contentType, Map.of(), body, -1, true);
    }

    public SimulatedResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatedResponse(status, contentType, more, body, length, endless);
    }

    /** The same response with its body built in memory (and so of known length). */
    public SimulatedResponse withBody(byte[] replacement) {
        byte[] copy = replacement.clone();
        return new SimulatedResponse(status, contentType, headers, out -> out.write(copy), copy.length, false);
    }

    public byte[] bodyBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            body.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
