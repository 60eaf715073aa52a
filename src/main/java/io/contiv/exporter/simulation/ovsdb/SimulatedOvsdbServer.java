package io.contiv.exporter.simulation.ovsdb;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server on 127.0.0.1 speaking OVSDB's JSON-RPC (RFC 7047) like ovsdb-server 3.1 over a
 * {@link SimulatedOvsdbDatabase}. Each connection gets a reader thread from a shared pool and its own writer
 * thread; the server sends inactivity probes like the real one. {@link FaultSwitches} inject failures; the
 * listener can be stopped, started and restarted on the same port. {@link #close()} stops every thread.
 */
public final class SimulatedOvsdbServer implements AutoCloseable {
    /** ovsdb-server's default inactivity probe interval for its remotes. */
    public static final Duration DEFAULT_INACTIVITY_PROBE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedOvsdbServer.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final SimulatedOvsdbDatabase database;
    private final FaultSwitches faults;
    private final Duration inactivityProbe;
    private final TransactExecutor transact;
    private final ExecutorService threads = Executors.newCachedThreadPool(
            NamedThreads.daemon(NamedThreads.PREFIX + "connection"));
    private final ScheduledExecutorService probeScheduler = Executors.newSingleThreadScheduledExecutor(
            NamedThreads.daemon(NamedThreads.PREFIX + "probe"));
    private final Set<ClientSession> connections = ConcurrentHashMap.newKeySet();
    /** Guards registration of connections against close(); never held while waiting for threads. */
    private final Object connectionLock = new Object();
    private ServerSocket listener;
    private Future<?> acceptLoop;
    private int port;
    private volatile boolean closed;

    /** @param inactivityProbe how long a silent client waits for an echo probe; Duration.ZERO: never */
    public SimulatedOvsdbServer(SimulatedOvsdbDatabase database, FaultSwitches faults, Duration inactivityProbe) {
        this.database = database;
        this.faults = faults;
        this.inactivityProbe = inactivityProbe;
        this.transact = new TransactExecutor(database.schema());
        if (!inactivityProbe.isZero()) {
            long checkMillis = Math.max(5, inactivityProbe.toMillis() / 10);
            probeScheduler.scheduleAtFixedRate(this::probeConnections, checkMillis, checkMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** A server with its own fault switches and the real 5 s probe, listening on a free port. */
    public static SimulatedOvsdbServer start(SimulatedOvsdbDatabase database) throws IOException {
        SimulatedOvsdbServer server = new SimulatedOvsdbServer(database, new FaultSwitches(),
                DEFAULT_INACTIVITY_PROBE);
        server.listen(0);
        return server;
    }

    /** Starts listening on 127.0.0.1:{@code requestedPort}; 0 picks a free port, see {@link #port()}. */
    public synchronized void listen(int requestedPort) throws IOException {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        if (listener != null) {
            throw new IllegalStateException("already listening on port " + port);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(LOOPBACK, requestedPort), 50);
        listener = socket;
        port = socket.getLocalPort();
        acceptLoop = threads.submit(() -> acceptLoop(socket));
        LOG.info("simulated ovsdb-server listening on {}", socket.getLocalSocketAddress());
    }

    public synchronized int port() {
        return port;
    }

    public synchronized InetSocketAddress address() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    public synchronized boolean isListening() {
        return listener != null;
    }

    public SimulatedOvsdbDatabase database() {
        return database;
    }

    public FaultSwitches faults() {
        return faults;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Closes the listening socket: new connections are refused, existing ones carry on. */
    public synchronized void stopListening() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        // The JDK releases a socket closed during accept() only when the accepting thread leaves accept(), so
        // wait for it: otherwise listening again on the same port can fail with "Address already in use".
        try {
            acceptLoop.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("accept loop did not stop cleanly", e);
        }
    }

    /** Listens again on the port used before. */
    public synchronized void resumeListening() throws IOException {
        listen(port);
    }

    /** Drops every client connection (their monitors die with them); the listener stays. */
    public void dropConnections() {
        for (ClientSession connection : new ArrayList<>(connections)) {
            connection.close();
        }
    }

    /** Like an ovsdb-server restart: all connections dropped, then listening again on the same port. */
    public synchronized void restart() throws IOException {
        stopListening();
        dropConnections();
        listen(port);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (SocketException e) {
                return; // listener closed
            } catch (IOException e) {
                LOG.warn("accept failed", e);
                continue;
            }
            if (faults.refusingConnections()) {
                closeQuietly(client);
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                register(new ClientSession(client, database, transact, faults, inactivityProbe,
                        connections::remove));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Under the connection lock so that close() either sees the connection or the connection sees close(). */
    private void register(ClientSession connection) {
        synchronized (connectionLock) {
            if (!closed) {
                connections.add(connection);
                threads.execute(connection::serve);
                return;
            }
        }
        connection.close();
    }

    private void probeConnections() {
        long now = System.nanoTime();
        connections.forEach(connection -> connection.checkInactivity(now));
    }

    @Override
    public void close() {
        List<ClientSession> open;
        synchronized (connectionLock) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(connections);
        }
        stopListening();
        open.forEach(ClientSession::close);
        probeScheduler.shutdownNow();
        threads.shutdownNow();
        try {
            for (ClientSession connection : open) {
                connection.awaitWriterStopped(Duration.ofSeconds(5));
            }
            probeScheduler.awaitTermination(5, TimeUnit.SECONDS);
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
