package io.contiv.exporter.http;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * What the metrics server turned away, and why: counted for Prometheus, and summed up in at most one log line per
 * {@link #logSummary} call, never one per request (a hostile client must not be able to fill the log).
 */
public final class HttpRefusals implements PublishingCollector {

    /** Why a connection or request was turned away. */
    public enum Rejected {
        /** Not HTTP/1.x: garbage, an HTTP/2 preface, a bad request line or header. */
        MALFORMED("malformed"),
        /** A request line or head larger than the server reads. */
        HEADER_TOO_LARGE("header_too_large"),
        /** A method other than GET and HEAD. */
        METHOD("method"),
        /** Basic authentication missing or wrong. */
        UNAUTHORIZED("unauthorized"),
        /** Past the web configuration's {@code rate_limit}. */
        RATE_LIMITED("rate_limited"),
        /** Too many password checks under way: bcrypt is CPU an attacker must not be able to spend at will. */
        AUTH_BUSY("auth_busy"),
        /** Too many filtered or debug requests (answered by the client library's handler) under way. */
        BUSY("busy"),
        /** A TLS handshake that failed. */
        TLS_HANDSHAKE("tls_handshake"),
        /** Closed to make room for a new connection past {@code --web.max-connections}. */
        TOO_MANY_CONNECTIONS("too_many_connections");

        final String label;

        Rejected(String label) {
            this.label = label;
        }
    }

    /** What a connection closed for slowness was waiting for. */
    public enum TimedOut {
        /** The first request head (and TLS handshake) within {@code --web.read-header-timeout}. */
        READ_HEADER("read_header"),
        /** The next request head of a kept-alive connection within {@code --web.idle-timeout}. */
        IDLE("idle"),
        /** The client to read the response within {@code --web.write-timeout}. */
        WRITE("write");

        final String label;

        TimedOut(String label) {
            this.label = label;
        }
    }

    private static final List<String> REASON = List.of("reason");
    static final MetricFamily REJECTED = MetricFamily.counter("contiv_exporter_http_rejected",
            "Connections and requests the metrics server turned away, by reason.", REASON);
    static final MetricFamily TIMEOUTS = MetricFamily.counter("contiv_exporter_http_timeouts",
            "Connections the metrics server closed because the client was too slow, by what it waited for.", REASON);
    static final MetricFamily OPEN = MetricFamily.gauge("contiv_exporter_http_open_connections",
            "Connections open to the metrics server.", List.of());

    private static final Logger LOG = ExporterLogs.logger(HttpRefusals.class);

    private final Map<Rejected, AtomicLong> rejected = new EnumMap<>(Rejected.class);
    private final Map<TimedOut, AtomicLong> timedOut = new EnumMap<>(TimedOut.class);
    private final Map<Rejected, Long> rejectedLogged = new EnumMap<>(Rejected.class);
    private final Map<TimedOut, Long> timedOutLogged = new EnumMap<>(TimedOut.class);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong changes = new AtomicLong();
    private final Published published = new Published("http");
    private long publishedChanges = -1;

    public HttpRefusals() {
        for (Rejected reason : Rejected.values()) {
            rejected.put(reason, new AtomicLong());
            rejectedLogged.put(reason, 0L);
        }
        for (TimedOut reason : TimedOut.values()) {
            timedOut.put(reason, new AtomicLong());
            timedOutLogged.put(reason, 0L);
        }
    }

    public void rejected(Rejected reason) {
        rejected.get(reason).incrementAndGet();
        changes.incrementAndGet();
    }

    public void timedOut(TimedOut reason) {
        timedOut.get(reason).incrementAndGet();
        changes.incrementAndGet();
    }

    void opened() {
        open.incrementAndGet();
        changes.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
        changes.incrementAndGet();
    }

    /** How many were turned away for {@code reason} since start. */
    public long count(Rejected reason) {
        return rejected.get(reason).get();
    }

    /** How many were closed for waiting on {@code reason} too long since start. */
    public long count(TimedOut reason) {
        return timedOut.get(reason).get();
    }

    public int openConnections() {
        return open.get();
    }

    /** One line naming what was turned away since the last call, if anything was. */
    public synchronized void logSummary(String interval) {
        StringJoiner line = new StringJoiner(", ");
        for (Map.Entry<TimedOut, AtomicLong> entry : timedOut.entrySet()) {
            long now = entry.getValue().get();
            long since = now - timedOutLogged.put(entry.getKey(), now);
            if (since > 0) {
                line.add(since + " timed out waiting for " + entry.getKey().label.replace('_', ' '));
            }
        }
        for (Map.Entry<Rejected, AtomicLong> entry : rejected.entrySet()) {
            long now = entry.getValue().get();
            long since = now - rejectedLogged.put(entry.getKey(), now);
            if (since > 0) {
                line.add(since + " rejected as " + entry.getKey().label.replace('_', ' '));
            }
        }
        if (line.length() > 0) {
            LOG.warn("HTTP clients turned away in the last {}: {} (contiv_exporter_http_* counters)", interval, line);
        }
    }

    @Override
    public synchronized Publication publication() {
        long now = changes.get();
        if (now == publishedChanges) {
            return published.current();
        }
        Families families = new Families();
        rejected.forEach((reason, count) -> families.add(REJECTED, REJECTED.labels(reason.label), count.get()));
        timedOut.forEach((reason, count) -> families.add(TIMEOUTS, TIMEOUTS.labels(reason.label), count.get()));
        families.add(OPEN, OPEN.labels(), Math.max(0, open.get()));
        publishedChanges = now;
        return published.publish(families.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return Stream.of(REJECTED, TIMEOUTS, OPEN).map(MetricFamily::prometheusName).toList();
    }

    static String describe(java.time.Duration interval) {
        long seconds = interval.toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + "m" : String.format(Locale.ROOT, "%ds", seconds);
    }
}
