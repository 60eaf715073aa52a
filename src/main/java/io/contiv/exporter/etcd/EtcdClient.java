package io.contiv.exporter.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.ExporterLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Reads single keys from etcd over HTTP: the v2 keys API first (what Contiv writes), then the v3 JSON gateway,
 * then the next endpoint. The endpoint that answered last is tried first next time.
 */
public final class EtcdClient {

    private static final Logger LOG = ExporterLogs.logger(EtcdClient.class);

    private final List<URI> endpoints;
    private final EtcdHttp http;
    private final Duration timeout;
    private volatile int preferred;

    public EtcdClient(List<URI> endpoints, HttpClient http, Duration timeout) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is needed");
        }
        this.endpoints = List.copyOf(endpoints);
        this.http = new EtcdHttp(http);
        this.timeout = timeout;
    }

    /**
     * The key's value, or empty when every reachable endpoint says the key does not exist. When the endpoint in use
     * fails and another answers, the other one is used from then on, and that is logged once.
     */
    public Optional<String> get(String key) throws EtcdException {
        List<String> failures = new ArrayList<>();
        boolean someoneAnswered = false;
        int start = preferred;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            URI endpoint = endpoints.get(index);
            try {
                Optional<String> value = getV2(endpoint, key);
                if (value.isEmpty()) {
                    value = getV3(endpoint, key);
                }
                if (index != start) {
                    LOG.warn("etcd endpoint {} failed, using {} instead: {}", endpoints.get(start), endpoint,
                            failures.get(0));
                }
                preferred = index;
                if (value.isPresent()) {
                    return value;
                }
                someoneAnswered = true;
            } catch (EtcdException e) {
                failures.add(e.getMessage());
            }
        }
        if (someoneAnswered) {
            return Optional.empty();
        }
        throw new EtcdException("no etcd endpoint answered: " + String.join("; ", failures));
    }

    public List<URI> endpoints() {
        return endpoints;
    }

    private Optional<String> getV2(URI endpoint, String key) throws EtcdException {
        URI uri = endpoint.resolve("/v2/keys" + (key.startsWith("/") ? key : "/" + key));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        if (response.statusCode() == 404) {
            // either the key is missing or this etcd has no v2 API; the v3 gateway will tell
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        JsonNode value = http.parse(response.body(), uri).path("node").path("value");
        if (!value.isTextual()) {
            throw new EtcdException("GET " + uri + ": reply has no node.value");
        }
        return Optional.of(value.textValue());
    }

    private Optional<String> getV3(URI endpoint, String key) throws EtcdException {
        URI uri = endpoint.resolve("/v3/kv/range");
        String body = "{\"key\":\"" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "\"}";
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new EtcdException("POST " + uri + " answered HTTP " + response.statusCode());
        }
        JsonNode kvs = http.parse(response.body(), uri).path("kvs");
        if (!kvs.isArray() || kvs.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = kvs.get(0).path("value");
        if (!value.isTextual()) {
            return Optional.of("");
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(value.textValue()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new EtcdException("POST " + uri + ": value is not base64");
        }
    }
}
