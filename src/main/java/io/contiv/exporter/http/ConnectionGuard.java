package io.contiv.exporter.http;

import io.contiv.exporter.http.HttpRefusals.Rejected;
import io.contiv.exporter.http.HttpRefusals.TimedOut;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Holds every connection to a deadline, whatever the client does or fails to do: a new connection must deliver its
 * request head (TLS handshake included) within the read-header timeout, a kept-alive one its next head within the
 * idle timeout, and a response must be read within the write timeout of its request. A connection past its
 * deadline is closed, and counted by what it was waiting for. Past the connection cap, the oldest connection that
 * is not being answered is closed to make room, so that a new scrape always gets in.
 *
 * <p>Jetty's own idle timeout restarts with every byte, which a client sending one byte every few seconds defeats;
 * these deadlines do not move until the request is read or the response is written.
 */
final class ConnectionGuard extends Handler.Wrapper implements Connection.Listener {

    /** How often deadlines are checked: a connection is closed at most this late. */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(200);
    /** How often what was turned away is summed up in the log. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final ServerSettings settings;
    private final HttpRefusals refusals;
    private final LongSupplier nanoTime;
    private final Map<Connection, Tracked> connections = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    /** One connection's deadline, and what it waits for until then. */
    private static final class Tracked {
        final Connection connection;
        final long openedNanos;
        volatile long deadlineNanos;
        volatile TimedOut waitingFor = TimedOut.READ_HEADER;
        volatile boolean answering;

        Tracked(Connection connection, long openedNanos, long deadlineNanos) {
            this.connection = connection;
            this.openedNanos = openedNanos;
            this.deadlineNanos = deadlineNanos;
        }
    }

    ConnectionGuard(ServerSettings settings, HttpRefusals refusals, Handler next) {
        this(settings, refusals, next, System::nanoTime);
    }

    ConnectionGuard(ServerSettings settings, HttpRefusals refusals, Handler next, LongSupplier nanoTime) {
        super(next);
        this.settings = settings;
        this.refusals = refusals;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doStart() throws Exception {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "contiv-exporter-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        sweeper.scheduleWithFixedDelay(() -> refusals.logSummary(HttpRefusals.describe(SUMMARY_INTERVAL)),
                SUMMARY_INTERVAL.toMillis(), SUMMARY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        sweeper.shutdownNow();
        refusals.logSummary(HttpRefusals.describe(SUMMARY_INTERVAL));
    }

    // With TLS, the HTTP connection is opened with the TLS one, on the decrypted side: tracking it alone covers the
    // handshake too.
    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof SslConnection) {
            return;
        }
        long now = nanoTime.getAsLong();
        connections.put(connection, new Tracked(connection, now, now + settings.readHeaderTimeout().toNanos()));
        refusals.opened();
        if (connections.size() > settings.maxConnections()) {
            makeRoom(connection);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connections.remove(connection) != null) {
            refusals.closed();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Tracked tracked = connections.get(request.getConnectionMetaData().getConnection());
        if (tracked == null) {
            return super.handle(request, response, callback);
        }
        tracked.answering = true;
        tracked.waitingFor = TimedOut.WRITE;
        tracked.deadlineNanos = nanoTime.getAsLong() + settings.writeTimeout().toNanos();
        // the next request may be handled as soon as this callback completes: wait for it from here on first
        Callback answered = new Callback() {
            @Override
            public void succeeded() {
                awaitNextRequest(tracked);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable cause) {
                awaitNextRequest(tracked);
                callback.failed(cause);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        return super.handle(request, response, answered);
    }

    private void awaitNextRequest(Tracked tracked) {
        tracked.waitingFor = TimedOut.IDLE;
        tracked.deadlineNanos = nanoTime.getAsLong() + settings.idleTimeout().toNanos();
        tracked.answering = false;
    }

    /** Closes the connections past their deadline; run every {@link #SWEEP_INTERVAL}. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Tracked tracked : connections.values()) {
            if (now - tracked.deadlineNanos >= 0 && connections.remove(tracked.connection) != null) {
                refusals.closed();
                refusals.timedOut(tracked.waitingFor);
                close(tracked.connection);
            }
        }
    }

    /** Past the cap: the oldest connection not being answered goes, or else the newest one. */
    private void makeRoom(Connection newest) {
        Tracked oldest = null;
        for (Tracked tracked : connections.values()) {
            if (!tracked.answering && tracked.connection != newest
                    && (oldest == null || tracked.openedNanos - oldest.openedNanos < 0)) {
                oldest = tracked;
            }
        }
        Connection victim = oldest == null ? newest : oldest.connection;
        if (connections.remove(victim) != null) {
            refusals.closed();
            refusals.rejected(Rejected.TOO_MANY_CONNECTIONS);
            close(victim);
        }
    }

    int tracked() {
        return connections.size();
    }

    /** Closes the network connection (under TLS, the encrypted one beneath the HTTP connection). */
    private static void close(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint decrypted) {
            endPoint = decrypted.getSslConnection().getEndPoint();
        }
        endPoint.close();
    }
}
