package io.contiv.exporter.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.health.SourceReporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Mirrors one etcd v2 directory in memory: a recursive GET, then long-polling {@code ?wait=true} from the next index,
 * starting over with a full read when etcd says the index is too old or an endpoint fails. Runs on its own thread
 * and hands every new state of the directory to a consumer. It reports its own health: every read and every event
 * applied succeeds, as does etcd answering after a long-poll that saw no change (a quiet directory otherwise gives
 * no sign of life); a failed request fails.
 */
public final class EtcdDirectoryWatch implements AutoCloseable {

    /** A consistent view of the directory: every leaf key under it with its value, and the etcd index it reflects. */
    public record Contents(Map<String, String> values, long index) {
        public Contents {
            values = Map.copyOf(values);
        }
    }

    private static final Logger LOG = ExporterLogs.logger(EtcdDirectoryWatch.class);
    private static final int EVENT_INDEX_CLEARED = 401;
    /** How long one long-poll waits for a change; then etcd is asked whether it is still there. */
    public static final Duration WATCH_POLL = Duration.ofSeconds(60);

    private final List<URI> endpoints;
    private final EtcdHttp http;
    private final Duration timeout;
    private final String directory;
    private final Consumer<Contents> onChange;
    private final Consumer<Exception> onFailure;
    private final SourceReporter health;
    private final Duration watchPoll;
    private final Thread thread;
    private volatile boolean closed;
    private int endpointIndex;

    /**
     * @param onChange  given each new state of the directory, after the read was reported to {@code health}
     * @param onFailure told that etcd could not be read (and will be tried again), after {@code health} was
     * @param watchPoll how long one long-poll waits for a change
     */
    public EtcdDirectoryWatch(List<URI> endpoints, HttpClient http, Duration timeout, String directory,
                              Consumer<Contents> onChange, Consumer<Exception> onFailure, SourceReporter health,
                              Duration watchPoll) {
        this.health = health;
        this.watchPoll = watchPoll;
        this.endpoints = List.copyOf(endpoints);
        this.http = new EtcdHttp(http);
        this.timeout = timeout;
        this.directory = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        this.onChange = onChange;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, "etcd-watch " + directory);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            URI endpoint = endpoints.get(endpointIndex % endpoints.size());
            SourceReporter.Attempt reading = health.start();
            try {
                Map<String, String> values = new HashMap<>();
                long index = readAll(endpoint, values);
                reading.succeeded();
                reading = null;
                onChange.accept(new Contents(values, index));
                backoff = Duration.ofMillis(500);
                watch(endpoint, values, index);
            } catch (EtcdException e) {
                if (closed) {
                    return;
                }
                // a full read that failed took its time; a watch that breaks fails at once
                (reading != null ? reading : health.start()).failed(e);
                onFailure.accept(e);
                endpointIndex++;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    private long readAll(URI endpoint, Map<String, String> values) throws EtcdException {
        URI uri = endpoint.resolve("/v2/keys" + directory + "/?recursive=true");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        long index = response.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        if (response.statusCode() == 404) {
            return index;
        }
        if (response.statusCode() != 200) {
            throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        collectLeaves(http.parse(response.body(), uri).path("node"), values);
        return index;
    }

    /** A failure of a long-poll propagates and is reported by {@link #run} as one attempt that failed. */
    private void watch(URI endpoint, Map<String, String> values, long index) throws EtcdException {
        long next = index + 1;
        while (!closed) {
            URI uri = endpoint.resolve("/v2/keys" + directory + "/?wait=true&recursive=true&waitIndex=" + next);
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(watchPoll).GET().build());
            } catch (EtcdException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    // no change for a while: fine if etcd still answers, a failure (and a new read) if not
                    confirmAlive(endpoint);
                    continue;
                }
                throw e;
            }
            // the event's attempt: reading and applying it, not the wait for it
            SourceReporter.Attempt attempt = health.start();
            JsonNode event = http.parse(response.body(), uri);
            if (event.path("errorCode").asInt() == EVENT_INDEX_CLEARED) {
                LOG.debug("etcd index {} of {} was compacted; reading the directory again", next, directory);
                return;
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new EtcdException("watch " + uri + " answered HTTP " + response.statusCode());
            }
            JsonNode node = event.path("node");
            String action = event.path("action").asText();
            if (action.equals("delete") || action.equals("expire") || action.equals("compareAndDelete")) {
                String key = node.path("key").asText();
                values.keySet().removeIf(k -> k.equals(key) || k.startsWith(key + "/"));
            } else {
                collectLeaves(node, values);
            }
            next = Math.max(next, node.path("modifiedIndex").asLong(next)) + 1;
            attempt.succeeded();
            onChange.accept(new Contents(values, next - 1));
        }
    }

    private void confirmAlive(URI endpoint) throws EtcdException {
        SourceReporter.Attempt attempt = health.start();
        URI uri = endpoint.resolve("/version");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        if (response.statusCode() != 200) {
            throw new EtcdException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        attempt.succeeded();
    }

    private static void collectLeaves(JsonNode node, Map<String, String> values) {
        if (node.path("dir").asBoolean(false)) {
            for (JsonNode child : node.path("nodes")) {
                collectLeaves(child, values);
            }
        } else if (node.has("key") && node.path("value").isTextual()) {
            values.put(node.get("key").asText(), node.get("value").asText());
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
