package io.contiv.exporter.etcd;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.health.SourceReporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiPredicate;
import org.slf4j.Logger;

/**
 * Keeps the part of one etcd v2 directory that concerns this node current, at a cost that follows that part and not
 * the directory: it never reads the directory whole. It opens a streaming watch ({@code stream=true}) from etcd's
 * current index, lets the {@link WatchedDirectory} read the keys it needs, then hands it the changes of those keys;
 * every other event is dropped by its key before its value is decoded. When etcd no longer holds the events the watch
 * missed (error 401: etcd keeps the last 1,000), the directory reads its keys again and the watch resumes from the
 * index etcd answered with. Runs on its own thread and reports its health: the reads, every change applied, and etcd
 * answering after a quiet {@code quietCheck} (a quiet directory otherwise gives no sign of life); a failure fails.
 */
public final class EtcdDirectoryWatch implements AutoCloseable {

    private static final Logger LOG = ExporterLogs.logger(EtcdDirectoryWatch.class);
    private static final int EVENT_INDEX_CLEARED = 401;
    /**
     * How long the watch waits without an event that concerns this node before asking etcd whether it is still there
     * (one small request): a quiet directory should not look like stale data (alert at 120 s).
     */
    public static final Duration WATCH_POLL = Duration.ofSeconds(30);
    private static final Object WAKE = new Object();
    private static final Duration BRIEF_STREAM = Duration.ofSeconds(1);

    private final List<URI> endpoints;
    private final HttpClient client;
    private final EtcdHttp http;
    private final Duration timeout;
    private final String directory;
    private final WatchedDirectory target;
    private final SourceReporter health;
    private final Duration quietCheck;
    private final BiPredicate<String, byte[]> concerns;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;
    private int endpointIndex;
    /** The etcd index to watch from next; negative until the first read. */
    private long next = -1;

    /**
     * @param directory  absolute, e.g. {@code /contiv.io/state/eps}
     * @param quietCheck how long to wait for an event before asking etcd whether it is alive
     */
    public EtcdDirectoryWatch(List<URI> endpoints, HttpClient http, Duration timeout, String directory,
                              WatchedDirectory target, SourceReporter health, Duration quietCheck) {
        this.endpoints = List.copyOf(endpoints);
        this.client = http;
        this.http = new EtcdHttp(http);
        this.timeout = timeout;
        this.directory = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        this.target = target;
        this.health = health;
        this.quietCheck = quietCheck;
        String prefix = this.directory + "/";
        this.concerns = (key, raw) -> key.startsWith(prefix) && target.concerns(key.substring(prefix.length()), raw);
        this.thread = new Thread(this::run, "etcd-watch " + this.directory);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for {@link WatchedDirectory#pending} on the watch's thread, soon. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            queue.add(WAKE);
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            URI endpoint = endpoints.get(endpointIndex % endpoints.size());
            KeyReader reader = new EtcdKeyReader(http, endpoint, directory, timeout);
            SourceReporter.Attempt reading = null;
            EventStream.Opening opening = null;
            try {
                if (next < 0) {
                    reading = health.start();
                    // the stream first, from etcd's index now: whatever changes after the reads below arrives on it
                    opening = open(endpoint, -1);
                    if (opening.opened().status() != 200) {
                        throw new EtcdException("watch of " + directory + " answered HTTP "
                                + opening.opened().status() + ": " + opening.opened().errorBody().strip());
                    }
                    target.resync(reader, opening.opened().etcdIndex());
                    next = opening.opened().etcdIndex() + 1;
                    reading.succeeded();
                    reading = null;
                } else {
                    // after a break, from where the watch was: etcd may still hold what was missed
                    reading = health.start();
                    opening = resume(endpoint, reader, next);
                    reading.succeeded();
                    reading = null;
                }
                backoff = Duration.ofMillis(500);
                follow(endpoint, reader, opening);
            } catch (EtcdException e) {
                if (opening != null) {
                    opening.stream().cancel();
                }
                if (closed) {
                    return;
                }
                (reading != null ? reading : health.start()).failed(e);
                target.failed(e);
                endpointIndex++;
                backOff(backoff, reader);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Applies the stream's events, reopening it from {@link #next} when it ends, until the watch closes; a failure
     * propagates and is reported by {@link #run}.
     */
    private void follow(URI endpoint, KeyReader reader, EventStream.Opening opening)
            throws EtcdException, InterruptedException {
        EventStream stream = opening.stream();
        long streamIndex = opening.opened().etcdIndex();
        long openedNanos = System.nanoTime();
        long lastSign = openedNanos;
        boolean sawLine = false;
        try {
            while (!closed) {
                Object item = queue.poll(quietCheck.toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    confirmAlive(endpoint);
                    lastSign = System.nanoTime();
                    continue;
                }
                if (item == WAKE) {
                    wakeQueued.set(false);
                    target.pending(reader);
                    continue;
                }
                EventStream.Item streamed = (EventStream.Item) item;
                streamed.stream().taken();
                if (streamed.stream() != stream) {
                    continue; // left over from a stream given up
                }
                if (streamed instanceof EventStream.Line line) {
                    sawLine = true;
                    WatchEvent event = WatchEvent.read(line.bytes(), concerns);
                    if (event.isError()) {
                        throw new EtcdException("watch of " + directory + " sent error " + event.errorCode());
                    }
                    apply(event, reader);
                    if (System.nanoTime() - lastSign >= quietCheck.toNanos()) {
                        // events for other nodes prove etcd alive too, once in a while (they are not reported each)
                        health.start().succeeded();
                        lastSign = System.nanoTime();
                    }
                    next = Math.max(next, event.modifiedIndex() + 1);
                    if (event.modifiedIndex() > streamIndex) {
                        continue;
                    }
                    // an event etcd took from its history: such a stream sends nothing after it
                } else {
                    EventStream.Ended ended = (EventStream.Ended) streamed;
                    if (ended.failure() != null) {
                        LOG.debug("watch of {} broke: {}", directory, ended.failure().toString());
                    }
                    if (!sawLine && System.nanoTime() - openedNanos < BRIEF_STREAM.toNanos()) {
                        TimeUnit.MILLISECONDS.sleep(BRIEF_STREAM.toMillis());
                    }
                }
                stream.cancel();
                EventStream.Opening reopened = resume(endpoint, reader, next);
                stream = reopened.stream();
                streamIndex = reopened.opened().etcdIndex();
                openedNanos = System.nanoTime();
                sawLine = false;
            }
        } finally {
            stream.cancel();
        }
    }

    private void apply(WatchEvent event, KeyReader reader) throws EtcdException {
        String key = event.key();
        if (event.isDelete() && (key.equals(directory) || directory.startsWith(key + "/"))) {
            // the directory itself (or an ancestor) went: what the directory held is gone, read it again
            LOG.info("{} was deleted in etcd; reading what this node needs again", key);
            target.resync(reader, event.modifiedIndex());
            return;
        }
        if (!event.concerns() || (!event.isDelete() && event.value() == null)) {
            return;
        }
        SourceReporter.Attempt attempt = health.start();
        target.changed(key.substring(directory.length() + 1), event.isDelete() ? null : event.value(),
                event.modifiedIndex());
        attempt.succeeded();
    }

    /**
     * Watches again from {@code from}; when etcd no longer holds that index, the directory reads its keys again as of
     * the index etcd answered with, and the watch goes on from there.
     */
    private EventStream.Opening resume(URI endpoint, KeyReader reader, long from) throws EtcdException {
        EventStream.Opening opening = open(endpoint, from);
        int status = opening.opened().status();
        if (status == 200) {
            return opening;
        }
        WatchEvent error = errorOf(opening.opened());
        if (error.errorCode() != EVENT_INDEX_CLEARED) {
            throw new EtcdException("watch of " + directory + " at index " + from + " answered HTTP " + status
                    + " (etcd error " + error.errorCode() + ")");
        }
        long index = error.etcdIndex() > 0 ? error.etcdIndex() : opening.opened().etcdIndex();
        LOG.info("etcd no longer holds index {} of {} (it is at {}); reading this node's keys again", from,
                directory, index);
        SourceReporter.Attempt attempt = health.start();
        target.resync(reader, index);
        attempt.succeeded();
        next = index + 1;
        EventStream.Opening caughtUp = open(endpoint, next);
        if (caughtUp.opened().status() != 200) {
            throw new EtcdException("watch of " + directory + " at index " + (index + 1) + " answered HTTP "
                    + caughtUp.opened().status());
        }
        return caughtUp;
    }

    private WatchEvent errorOf(EventStream.Opened opened) throws EtcdException {
        try {
            return WatchEvent.read(opened.errorBody().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    (key, raw) -> false);
        } catch (EtcdException notJson) {
            throw new EtcdException("watch of " + directory + " answered HTTP " + opened.status() + ": "
                    + opened.errorBody().strip());
        }
    }

    /** Opens a streaming watch from {@code waitIndex}, or from now when it is negative. */
    private EventStream.Opening open(URI endpoint, long waitIndex) throws EtcdException {
        URI uri = endpoint.resolve("/v2/keys" + directory + "?wait=true&recursive=true&stream=true"
                + (waitIndex < 0 ? "" : "&waitIndex=" + waitIndex));
        return EventStream.open(client, uri, timeout, queue);
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

    /**
     * Waits out a backoff, still serving the directory's wakes: what it has to do without etcd (an endpoint that
     * settled as missing) should not wait for etcd to come back.
     */
    private void backOff(Duration duration, KeyReader reader) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); left > 0 && !closed; left = deadline - System.nanoTime()) {
                Object item = queue.poll(left, TimeUnit.NANOSECONDS);
                if (item instanceof EventStream.Item streamed) {
                    streamed.stream().taken(); // left over from the stream given up
                } else if (item == WAKE) {
                    wakeQueued.set(false);
                    try {
                        target.pending(reader);
                    } catch (EtcdException e) {
                        LOG.debug("watch of {}: pending work during backoff failed: {}", directory, e.toString());
                    }
                }
            }
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
