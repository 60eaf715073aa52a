package io.contiv.exporter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server, counting the bytes that pass each way: what a client reads from the
 * server is measured on the wire, HTTP headers and chunking included. It can cut every connection and refuse new
 * ones for a while, like a network partition, and then let clients in again.
 */
public final class CountingRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final AtomicLong fromTarget = new AtomicLong();
    private final AtomicLong toTarget = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private CountingRelay(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    /** Relays to {@code 127.0.0.1:targetPort} from a free loopback port. */
    public static CountingRelay start(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CountingRelay relay = new CountingRelay(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), server);
            Thread acceptor = new Thread(relay::accept, "relay-accept-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Bytes the server sent to clients since the start or the last reset. */
    public long bytesFromTarget() {
        return fromTarget.get();
    }

    public long bytesToTarget() {
        return toTarget.get();
    }

    /** Connections accepted (and relayed) since the start or the last reset. */
    public long connections() {
        return connections.get();
    }

    public void resetCounts() {
        fromTarget.set(0);
        toTarget.set(0);
        connections.set(0);
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            connections.incrementAndGet();
            open.add(client);
            open.add(upstream);
            pump(client, upstream, toTarget);
            pump(upstream, client, fromTarget);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    counter.addAndGet(read);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away; the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "relay-" + from.getLocalPort() + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
