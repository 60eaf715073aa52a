package io.contiv.exporter.simulation.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that can be stopped and started again on the same port, to simulate a
 * server that goes down and comes back. The first start picks a free port.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final String name;
    private final HttpHandler handler;
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    public LoopbackHttpServer(String name, HttpHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    /** Starts listening; on the port of the previous start if there was one, else on a free port. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            created.createContext("/", handler);
            // one thread per request so that a delayed response does not hold up the others
            executor = Executors.newCachedThreadPool(daemonThreads(name));
            created.setExecutor(executor);
            created.start();
            server = created;
            port = created.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Stops listening and aborts responses in flight (delayed ones included); {@link #start()} resumes. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port; 0 before the first start. */
    public synchronized int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://" + hostPort());
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
