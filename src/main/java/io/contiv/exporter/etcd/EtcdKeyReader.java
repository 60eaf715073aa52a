package io.contiv.exporter.etcd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** {@link KeyReader} over the v2 keys API of one etcd endpoint; bodies are read as tokens, never as trees. */
final class EtcdKeyReader implements KeyReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int KEY_NOT_FOUND = 404;
    /** Requests of one {@link #getAll} in flight at a time: a few connections to etcd, not one per key. */
    private static final int IN_FLIGHT = 8;

    private final EtcdHttp http;
    private final URI endpoint;
    private final String directory;
    private final Duration timeout;

    EtcdKeyReader(EtcdHttp http, URI endpoint, String directory, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.directory = directory;
        this.timeout = timeout;
    }

    @Override
    public Read get(String name) throws EtcdException {
        URI uri = keyUri(directory + "/" + name);
        return read(name, uri, http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build()));
    }

    @Override
    public List<Read> getAll(List<String> names) throws EtcdException {
        List<Read> reads = new ArrayList<>(names.size());
        for (int from = 0; from < names.size(); from += IN_FLIGHT) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + IN_FLIGHT));
            List<URI> uris = new ArrayList<>(batch.size());
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>(batch.size());
            for (String name : batch) {
                URI uri = keyUri(directory + "/" + name);
                uris.add(uri);
                answers.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build()));
            }
            for (int i = 0; i < batch.size(); i++) {
                try {
                    reads.add(read(batch.get(i), uris.get(i), answers.get(i).join()));
                } catch (java.util.concurrent.CompletionException e) {
                    answers.forEach(answer -> answer.cancel(true));
                    throw e.getCause() instanceof EtcdException etcd ? etcd
                            : new EtcdException("GET " + uris.get(i) + " failed", e.getCause());
                }
            }
        }
        return reads;
    }

    @Override
    public CompletableFuture<Read> getAsync(String name) {
        URI uri;
        try {
            uri = keyUri(directory + "/" + name);
        } catch (EtcdException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build()).thenApply(response -> {
            try {
                return read(name, uri, response);
            } catch (EtcdException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private Read read(String name, URI uri, HttpResponse<byte[]> response) throws EtcdException {
        long index = response.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        if (response.statusCode() == KEY_NOT_FOUND) {
            return new Read(name, Optional.empty(), 0, index);
        }
        if (response.statusCode() != 200) {
            throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        List<Listed> node = new ArrayList<>();
        parseNode(response.body(), uri, n -> true, node, false);
        if (node.isEmpty() || node.get(0).value() == null) {
            // a directory where a value was expected: nothing this reader can use
            return new Read(name, Optional.empty(), 0, index);
        }
        return new Read(name, Optional.of(node.get(0).value()), node.get(0).modifiedIndex(), index);
    }

    @Override
    public Listing list(String listed, Predicate<String> wanted) throws EtcdException {
        URI uri = keyUri(listed);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        long index = response.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        if (response.statusCode() == KEY_NOT_FOUND) {
            return new Listing(List.of(), index);
        }
        if (response.statusCode() != 200) {
            throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        List<Listed> children = new ArrayList<>();
        String prefix = (listed.endsWith("/") ? listed : listed + "/");
        parseNode(response.body(), uri, key -> key.startsWith(prefix) && wanted.test(key.substring(prefix.length())),
                children, true);
        List<Listed> named = new ArrayList<>(children.size());
        for (Listed child : children) {
            if (child.name().startsWith(prefix)) {
                named.add(new Listed(child.name().substring(prefix.length()), child.value(), child.modifiedIndex()));
            }
        }
        return new Listing(named, index);
    }

    private URI keyUri(String key) throws EtcdException {
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(),
                    "/v2/keys" + (key.startsWith("/") ? key : "/" + key), null, null);
        } catch (URISyntaxException e) {
            throw new EtcdException("cannot name etcd key " + key + ": " + e.getMessage());
        }
    }

    /**
     * Reads {@code {"node": ...}}: the node itself, or with {@code children} its direct children (full keys),
     * decoding the values whose key {@code wanted} accepts.
     */
    private static void parseNode(byte[] body, URI uri, Predicate<String> wanted, List<Listed> out,
                                  boolean children) throws EtcdException {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new EtcdException(uri + ": reply is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                if (field.equals("node") && token == JsonToken.START_OBJECT) {
                    if (children) {
                        readChildren(json, wanted, out);
                    } else {
                        out.add(readNode(json, wanted));
                    }
                } else {
                    json.skipChildren();
                }
            }
        } catch (IOException e) {
            if (e instanceof EtcdException etcd) {
                throw etcd;
            }
            throw new EtcdException(uri + ": reply is not JSON: " + e.getMessage(), e);
        }
    }

    private static void readChildren(JsonParser json, Predicate<String> wanted, List<Listed> out)
            throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            if (field.equals("nodes") && token == JsonToken.START_ARRAY) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    out.add(readNode(json, wanted));
                }
            } else {
                json.skipChildren();
            }
        }
    }

    /** One node object, the parser on its START_OBJECT; a directory's value is null. */
    private static Listed readNode(JsonParser json, Predicate<String> wanted) throws IOException {
        String key = "";
        String value = null;
        boolean keep = false;
        long modified = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (field) {
                case "key" -> {
                    key = json.getValueAsString("");
                    keep = wanted.test(key);
                }
                case "value" -> value = token == JsonToken.VALUE_STRING && keep ? json.getText() : null;
                case "modifiedIndex" -> modified = json.getValueAsLong(0);
                default -> json.skipChildren();
            }
        }
        return new Listed(key, keep ? value : null, modified);
    }
}
