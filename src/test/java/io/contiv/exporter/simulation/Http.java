package io.contiv.exporter.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain GETs over real HTTP for the stand-in tests. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    public static HttpResponse<byte[]> get(URI base, String pathAndQuery) {
        try {
            return tryGet(base, pathAndQuery);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base + pathAndQuery, e);
        }
    }

    /** The GET that lets connection failures through, for tests that expect them. */
    public static HttpResponse<byte[]> tryGet(URI base, String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    public static HttpResponse<byte[]> put(URI base, String path, String formBody) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    public static HttpResponse<byte[]> delete(URI base, String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
