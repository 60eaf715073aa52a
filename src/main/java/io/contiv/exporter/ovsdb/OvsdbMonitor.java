package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Keeps the {@code Interface} table in memory through an RFC 7047 {@code monitor}: the initial rows, then every
 * {@code update} notification. A scrape reads the cache and never waits on OVSDB, except for the very first sync.
 * When the connection drops the cache is emptied (counters from a switch we cannot see are not served), and a new
 * connection with a fresh monitor resynchronises it, retrying with a growing delay. Every sync and every loss is
 * reported as it happens, whether anyone scrapes or not: a connection with its initial rows and each keep-alive
 * answered succeed, a connection that cannot be set up or is lost fails.
 */
public final class OvsdbMonitor implements InterfaceSource, AutoCloseable {

        private static final Logger LOG = ExporterLogs.logger(OvsdbMonitor.class);
    private static final String MONITOR_ID = "contiv-exporter-interfaces";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OvsdbAddress address;
    private final Duration timeout;
    private final int maxMessageBytes;
    private final ScheduledExecutorService scheduler;
    private final Duration probeInterval;
    private final SourceReporter health;

    private final Object lock = new Object();
    private final Map<String, OvsInterface> rows = new HashMap<>();
    private List<OvsInterface> published = List.of();
    private boolean dirty;
    private boolean synced;
    private final FirstAttempt firstAttempt;
    private long version;
    private String lastFailure = "not connected yet";
    private OvsdbConnection connection;
    private Duration backoff = Duration.ofMillis(500);
    private volatile boolean closed;

    public OvsdbMonitor(OvsdbAddress address, Duration timeout, int maxMessageBytes,
                        ScheduledExecutorService scheduler, Duration probeInterval, FirstAttempt firstSync,
                        SourceReporter health) {
        this.firstAttempt = firstSync;
        this.health = health;
        this.address = address;
        this.timeout = timeout;
        this.maxMessageBytes = maxMessageBytes;
        this.scheduler = scheduler;
        this.probeInterval = probeInterval;
    }

    /** Connects in the background; returns at once. */
    public void start() {
        scheduler.execute(this::connect);
        scheduler.scheduleWithFixedDelay(this::probe, probeInterval.toMillis(), probeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The cached rows; waits (boundedly: {@link FirstAttempt}) for the first attempt, then fails with the reason. */
    @Override
    public List<OvsInterface> interfaces() throws OvsdbException {
        firstAttempt.await();
        synchronized (lock) {
            if (!synced) {
                throw new OvsdbException("no OVSDB monitor on " + address + ": " + lastFailure);
            }
            if (dirty) {
                published = List.copyOf(rows.values());
                dirty = false;
            }
            return published;
        }
    }

    /** Grows with every change, so that consumers can tell whether anything changed since they last looked. */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        OvsdbConnection conn = null;
        AtomicBoolean lossHandled = new AtomicBoolean();
        SourceReporter.Attempt attempt = health.start();
        try {
            conn = OvsdbConnection.open(address, timeout, maxMessageBytes, new OvsdbConnection.Listener() {
                @Override
                public void onUpdate(JsonNode params) {
                    applyUpdate(params);
                }

                @Override
                public void onClosed(Exception cause) {
                    if (lossHandled.compareAndSet(false, true)) {
                        disconnected(cause, health.start());
                    }
                }
            });
            JsonNode initial = conn.call("monitor", monitorRequest(conn), timeout.multipliedBy(4));
            if (initial == null || !initial.isObject()) {
                throw new OvsdbException("OVSDB at " + address + " answered monitor with something other than "
                        + "table updates: " + OvsdbValues.abbreviate(initial));
            }
            OvsdbException unreadable = null;
            synchronized (lock) {
                if (!conn.isOpen()) {
                    // lost while the initial rows were being read; the loss is being handled
                    return;
                }
                connection = conn;
                rows.clear();
                try {
                    applyTableUpdates(initial);
                } catch (OvsdbException e) {
                    // the rows that could be read are kept, as for an update; a resync reads the others again
                    unreadable = e;
                }
                synced = true;
                backoff = Duration.ofMillis(500);
                // under the lock, so that a loss of this connection is reported after it, never before
                attempt.succeeded();
                // only now, so that a scrape waiting for the first sync sees the source's health as well
                firstAttempt.done();
            }
            if (unreadable != null) {
                LOG.warn("ignoring part of the Interface table from {}: {}", address, unreadable.getMessage());
            }
            LOG.debug("monitoring Interface table on {}", address);
        } catch (OvsdbException e) {
            if (lossHandled.compareAndSet(false, true)) {
                disconnected(e, attempt);
            }
            if (conn != null) {
                conn.close();
            }
        }
    }

    private ArrayNode monitorRequest(OvsdbConnection conn) {
        ArrayNode params = conn.mapper().createArrayNode();
        params.add(OvsdbConnection.DATABASE);
        params.add(MONITOR_ID);
        ObjectNode tables = params.addObject();
        ArrayNode columns = tables.putObject("Interface").putArray("columns");
        InterfaceRowDecoder.COLUMNS.stream().filter(c -> !c.equals("_uuid")).forEach(columns::add);
        return params;
    }

    private void applyUpdate(JsonNode params) {
        if (params == null || !params.isArray() || params.size() < 2
                || !MONITOR_ID.equals(params.get(0).asText())) {
            return;
        }
        synchronized (lock) {
            try {
                applyTableUpdates(params.get(1));
            } catch (OvsdbException e) {
                // a row we cannot read must not poison the rest; a resync will replace it
                LOG.warn("ignoring an OVSDB update from {}: {}", address, e.getMessage());
            }
        }
    }

    /** Applies {@code {"Interface": {uuid: {"old": ..., "new": ...}}}}; a missing "new" means the row was deleted. */
    private void applyTableUpdates(JsonNode tableUpdates) throws OvsdbException {
        JsonNode updates = tableUpdates == null ? null : tableUpdates.get("Interface");
        if (updates == null || !updates.isObject()) {
            if (tableUpdates == null || !tableUpdates.isObject()) {
                throw new OvsdbException("monitor reply is not a table-updates object");
            }
            markChanged();
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = updates.fields();
        List<OvsdbException> failures = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode newRow = entry.getValue().get("new");
            if (newRow == null || newRow.isNull()) {
                rows.remove(entry.getKey());
                continue;
            }
            try {
                rows.put(entry.getKey(), InterfaceRowDecoder.decode(newRow, entry.getKey()));
            } catch (OvsdbException e) {
                failures.add(e);
            }
        }
        markChanged();
        if (!failures.isEmpty()) {
            throw new OvsdbException(failures.size() + " Interface rows could not be read, first: "
                    + failures.get(0).getMessage());
        }
    }

    private void markChanged() {
        dirty = true;
        version++;
    }

    /** {@code attempt} is the connection attempt that failed, or a new one when an established monitor was lost. */
    private void disconnected(Exception cause, SourceReporter.Attempt attempt) {
        Duration delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (connection != null && connection.isOpen()) {
                // a stale listener from an older connection; the current one is fine
                return;
            }
            connection = null;
            lastFailure = cause.getMessage();
            if (synced || !rows.isEmpty()) {
                rows.clear();
                synced = false;
                markChanged();
            }
            delay = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            attempt.failed(cause);
            firstAttempt.done();
        }
        LOG.debug("OVSDB monitor on {} lost ({}); reconnecting in {} ms", address, cause.getMessage(),
                delay.toMillis());
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Our own keep-alive: a server that stopped answering is only noticed by asking it something. */
    private void probe() {
        OvsdbConnection conn;
        synchronized (lock) {
            conn = connection;
        }
        if (conn == null || !conn.isOpen()) {
            return;
        }
        SourceReporter.Attempt attempt = health.start();
        try {
            conn.call("echo", conn.mapper().createArrayNode().add("contiv-exporter"), timeout);
        } catch (OvsdbException e) {
            if (conn.isOpen() && conn.heardFromWithin(timeout)) {
                // the server spoke lately or we are still applying what it sent: our own reply is late, not it
                return;
            }
            // closed with the probe's reason, unless the connection already failed for one of its own
            conn.abort(e);
            return;
        }
        synchronized (lock) {
            if (connection == conn && synced) {
                // the cache is current: a quiet switch sends no updates, so this is what keeps
                // contiv_exporter_source_last_success_timestamp_seconds{source="ovsdb"} fresh
                attempt.succeeded();
            }
        }
    }

    @Override
    public void close() {
        OvsdbConnection conn;
        synchronized (lock) {
            closed = true;
            conn = connection;
            connection = null;
        }
        firstAttempt.done();
        if (conn != null) {
            conn.close();
        }
    }
}
