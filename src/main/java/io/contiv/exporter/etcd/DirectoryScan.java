package io.contiv.exporter.etcd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.contiv.exporter.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the values of one etcd v2 directory as they stream in, and stops as soon as the reader has what it needs: the
 * rest of the directory is never sent in full, and nothing but the value at hand is held. For facts that any of many
 * keys can tell (which host owns a VTEP address), where reading the directory whole would cost the node what the
 * cluster holds. etcd itself still prepares the whole listing for each request.
 */
public final class DirectoryScan {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<URI> endpoints;
    private final HttpClient http;
    private final Duration timeout;
    private final String directory;

    /**
     * How long etcd may take to start answering: etcd v2 prepares a recursive listing whole before it sends the first
     * byte (seconds for tens of megabytes).
     */
    public static final Duration LISTING_WAIT = Duration.ofSeconds(30);

    /**
     * @param timeout  for the answer's headers ({@link #LISTING_WAIT}), and 20 times that for the whole scan, on each
     *                 endpoint
     * @param directory absolute, e.g. {@code /contiv.io/state/eps}
     */
    public DirectoryScan(List<URI> endpoints, HttpClient http, Duration timeout, String directory) {
        this.endpoints = List.copyOf(endpoints);
        this.http = http;
        this.timeout = timeout;
        this.directory = directory;
    }

    /**
     * Hands {@code each} the directory's values (its direct children's) until it answers false or the listing ends,
     * on the first endpoint that answers; the number of values read.
     */
    public long scan(Predicate<String> each) throws EtcdException {
        EtcdException last = null;
        for (URI endpoint : endpoints) {
            try {
                return scan(endpoint, each);
            } catch (EtcdException e) {
                last = e;
            }
        }
        throw last;
    }

    private long scan(URI endpoint, Predicate<String> each) throws EtcdException {
        URI uri;
        try {
            uri = new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), "/v2/keys" + directory,
                    "recursive=true", null);
        } catch (URISyntaxException e) {
            throw new EtcdException("cannot name etcd directory " + directory + ": " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos() * 20;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); JsonParser json = JSON.createParser(body)) {
                if (response.statusCode() == 404) {
                    return 0;
                }
                if (response.statusCode() != 200) {
                    throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                return values(json, each, deadline, uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException("interrupted while reading etcd at " + uri);
        } catch (IOException e) {
            if (e instanceof EtcdException etcd) {
                throw etcd;
            }
            throw new EtcdException("GET " + uri + " failed: " + Failures.describe(e), e);
        }
    }

    /** Walks {@code {"node":{"nodes":[{"key":..,"value":..},..]}}}, skipping everything else. */
    private static long values(JsonParser json, Predicate<String> each, long deadline, URI uri) throws IOException {
        long read = 0;
        if (!toField(json, "node") || json.nextToken() != JsonToken.START_OBJECT || !toField(json, "nodes")
                || json.nextToken() != JsonToken.START_ARRAY) {
            return read;
        }
        while (json.nextToken() == JsonToken.START_OBJECT) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("value") && json.currentToken() == JsonToken.VALUE_STRING) {
                    read++;
                    if (!each.test(json.getText())) {
                        return read;
                    }
                } else {
                    json.skipChildren();
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new EtcdException("GET " + uri + " took too long; stopped after " + read + " values");
            }
        }
        return read;
    }

    /** Moves past the fields of the current object up to {@code name}'s; false when it has none. */
    private static boolean toField(JsonParser json, String name) throws IOException {
        if (json.currentToken() == null && json.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            if (json.currentName().equals(name)) {
                return true;
            }
            json.nextToken();
            json.skipChildren();
        }
        return false;
    }
}
