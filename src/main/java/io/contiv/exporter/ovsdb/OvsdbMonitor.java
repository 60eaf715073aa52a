package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Keeps the {@code Interface} table in memory through a monitor of the columns the exporter uses: ovsdb-server's
 * {@code monitor_cond}, whose {@code update2} notifications carry only what changed (a statistics refresh sends
 * the counters, nothing else), or RFC 7047's {@code monitor} where the server does not know it. The initial rows
 * and every notification are read as they stream in, straight into the cached rows; a row that did not change is
 * not touched. A scrape reads the cache and never waits on OVSDB, except for the very first sync.
 * When the connection drops the cache is emptied (counters from a switch we cannot see are not served), and a new
 * connection with a fresh monitor resynchronises it, retrying with a growing delay. Every sync and every loss is
 * reported as it happens, whether anyone scrapes or not: a connection with its initial rows and each keep-alive
 * answered succeed, a connection that cannot be set up or is lost fails.
 */
public final class OvsdbMonitor implements InterfaceSource, AutoCloseable {

    private static final Logger LOG = ExporterLogs.logger(OvsdbMonitor.class);
    private static final String MONITOR_ID = "contiv-exporter-interfaces";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How many times the initial timeout the initial rows may take while they keep arriving. */
    private static final int INITIAL_PATIENCE = 5;

    private final OvsdbAddress address;
    private final Duration timeout;
    private final int maxMessageBytes;
    private final ScheduledExecutorService scheduler;
    private final Duration probeInterval;
    private final SourceReporter health;

    private final Object lock = new Object();
    private InterfaceTable rows = new InterfaceTable();
    private boolean synced;
    private final FirstAttempt firstAttempt;
    private long version;
    private String lastFailure = "not connected yet";
    private OvsdbConnection connection;
    private TableUpdatesReader.Notation notation;
    private Duration backoff = Duration.ofMillis(500);
    private volatile boolean closed;
    private volatile Runnable onChange = () -> { };

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

    /**
     * Runs {@code listener} after each change of the rows (initial rows in, an update applied, the rows dropped
     * with a lost connection), on the thread that made it and outside the lock: to build on them at once.
     */
    public void whenChanged(Runnable listener) {
        this.onChange = listener;
    }

    private void changed() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            // whoever listens builds from the rows later anyway; the monitor must not fail for it
            LOG.debug("a listener of OVSDB changes failed", e);
        }
    }

    /** Connects in the background; returns at once. */
    public void start() {
        scheduler.execute(this::connect);
        scheduler.scheduleWithFixedDelay(this::probe, probeInterval.toMillis(), probeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * The cached rows, the same list until something changes; waits (boundedly: {@link FirstAttempt}) for the first
     * attempt, then fails with the reason.
     */
    @Override
    public List<OvsInterface> interfaces() throws OvsdbException {
        firstAttempt.await();
        synchronized (lock) {
            if (!synced) {
                throw new OvsdbException("no OVSDB monitor on " + address + ": " + lastFailure);
            }
            return rows.rows();
        }
    }

    /** Grows with every change, so that consumers can tell whether anything changed since they last looked. */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** The notation of the current monitor's notifications ({@code update2} after {@code monitor_cond}), if any. */
    TableUpdatesReader.Notation notation() {
        synchronized (lock) {
            return connection == null ? null : notation;
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        OvsdbConnection conn = null;
        AtomicBoolean lossHandled = new AtomicBoolean();
        SourceReporter.Attempt attempt = health.start();
        // this connection's rows: filled by its initial reply, then changed by its notifications, all on its reader
        // thread in the order the server sent them; served once the initial rows are in
        Session session = new Session();
        try {
            conn = OvsdbConnection.open(address, timeout, maxMessageBytes, new OvsdbConnection.Listener() {
                @Override
                public void onNotification(String method, JsonParser params) throws IOException {
                    session.notification(method, params);
                }

                @Override
                public void onClosed(Exception cause) {
                    if (lossHandled.compareAndSet(false, true)) {
                        disconnected(cause, health.start());
                    }
                }
            });
            TableUpdatesReader.Failures unreadable = monitor(conn, session);
            synchronized (lock) {
                if (!conn.isOpen()) {
                    // lost while the initial rows were being read; the loss is being handled
                    return;
                }
                connection = conn;
                // the rows that could be read are kept, as for an update; a resync reads the others again
                rows = session.table;
                notation = session.notation;
                session.installed = true;
                synced = true;
                version++;
                backoff = Duration.ofMillis(500);
                // under the lock, so that a loss of this connection is reported after it, never before
                attempt.succeeded();
                // only now, so that a scrape waiting for the first sync sees the source's health as well
                firstAttempt.done();
            }
            changed();
            if (unreadable.any()) {
                LOG.warn("ignoring part of the Interface table from {}: {}", address,
                        unreadable.summary().getMessage());
            }
            LOG.debug("monitoring the Interface table on {} ({} rows, {})", address, session.table.size(),
                    session.notation);
        } catch (OvsdbException e) {
            if (lossHandled.compareAndSet(false, true)) {
                disconnected(e, attempt);
            }
            if (conn != null) {
                conn.close();
            }
        }
    }

    /**
     * Asks for the initial rows and the changes after them: {@code monitor_cond} (changes as {@code update2}), or
     * {@code monitor} when the server answers that it does not know that method.
     */
    private TableUpdatesReader.Failures monitor(OvsdbConnection conn, Session session) throws OvsdbException {
        Duration initialTimeout = timeout.multipliedBy(4);
        try {
            session.notation = TableUpdatesReader.Notation.UPDATE2;
            // the initial rows may take longer than a request: wait while they stream in, up to a bound
            return conn.callWhileAnswering("monitor_cond", monitorRequest(conn, true), initialTimeout,
                    initialTimeout.multipliedBy(INITIAL_PATIENCE), session::initial);
        } catch (OvsdbErrorReply e) {
            if (!e.error().contains("unknown method")) {
                throw e;
            }
            LOG.debug("OVSDB at {} does not know monitor_cond; using monitor", address);
        }
        session.notation = TableUpdatesReader.Notation.UPDATE;
        return conn.callWhileAnswering("monitor", monitorRequest(conn, false), initialTimeout,
                initialTimeout.multipliedBy(INITIAL_PATIENCE), session::initial);
    }

    /** The monitor request: the Interface table, every row, only the columns the exporter uses. */
    private static ArrayNode monitorRequest(OvsdbConnection conn, boolean conditional) {
        ArrayNode params = conn.mapper().createArrayNode();
        params.add(OvsdbConnection.DATABASE);
        params.add(MONITOR_ID);
        ObjectNode tables = params.addObject();
        // monitor_cond takes a list of requests per table, monitor a single one
        ObjectNode request = conditional
                ? tables.putArray(TableUpdatesReader.TABLE).addObject() : tables.putObject(TableUpdatesReader.TABLE);
        ArrayNode columns = request.putArray("columns");
        InterfaceRowReader.COLUMNS.forEach(columns::add);
        return params;
    }

    /** One connection's rows, and how its notifications reach them. */
    private final class Session {
        final TableUpdatesReader reader = new TableUpdatesReader();
        final InterfaceTable table = new InterfaceTable();
        volatile TableUpdatesReader.Notation notation = TableUpdatesReader.Notation.UPDATE2;
        /** Set under the monitor's lock once scrapes read this session's table. */
        boolean installed;

        /** The reply to the monitor request: the initial rows, read into this session's table. */
        TableUpdatesReader.Failures initial(JsonParser result) throws IOException {
            if (result.currentToken() != JsonToken.START_OBJECT) {
                throw new OvsdbException("OVSDB at " + address + " answered the monitor request with something "
                        + "other than table updates: " + OvsdbValueReader.describe(result));
            }
            // nobody reads this table until the reply is complete and it is installed
            return reader.apply(result, notation, table);
        }

        /** An {@code update} or {@code update2} notification: {@code [monitor id, table updates]}. */
        void notification(String method, JsonParser params) throws IOException {
            TableUpdatesReader.Notation expected = notation;
            String ours = expected == TableUpdatesReader.Notation.UPDATE2 ? "update2" : "update";
            if (!ours.equals(method) || params.currentToken() != JsonToken.START_ARRAY) {
                return;
            }
            if (params.nextToken() != JsonToken.VALUE_STRING || !MONITOR_ID.equals(params.getText())) {
                // not our monitor's; the connection skips the rest
                return;
            }
            params.nextToken();
            TableUpdatesReader.Failures unreadable;
            boolean served;
            synchronized (lock) {
                // under the lock: a scrape sees the rows before this update or after it, never half of it
                unreadable = reader.apply(params, expected, table);
                served = installed && rows == table;
                if (served) {
                    version++;
                }
            }
            if (served) {
                changed();
            }
            if (unreadable.any()) {
                // a row we cannot read must not poison the rest; a resync will replace it
                throw unreadable.summary();
            }
        }
    }

    /** {@code attempt} is the connection attempt that failed, or a new one when an established monitor was lost. */
    private void disconnected(Exception cause, SourceReporter.Attempt attempt) {
        Duration delay;
        boolean dropped = false;
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
            if (synced || rows.size() > 0) {
                rows = new InterfaceTable();
                synced = false;
                version++;
                dropped = true;
            }
            delay = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            attempt.failed(cause);
            firstAttempt.done();
        }
        if (dropped) {
            changed();
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
        // as Open vSwitch's own reconnect logic: a peer is dead after two probe intervals without a word, not one
        // (a server applying a transaction of ten thousand rows on a busy node says nothing for seconds), and each
        // false alarm would cost a resync of the whole table
        Duration wait = timeout.compareTo(probeInterval) >= 0 ? timeout : probeInterval;
        try {
            conn.call("echo", conn.mapper().createArrayNode().add("contiv-exporter"), wait);
        } catch (OvsdbException e) {
            if (conn.isOpen() && conn.heardFromWithin(wait.multipliedBy(2))) {
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
