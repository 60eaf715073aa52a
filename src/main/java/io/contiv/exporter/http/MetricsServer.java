package io.contiv.exporter.http;

import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.web.WebSecurity;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Serves the metrics over HTTP/1.1 (HTTPS with a web configuration that asks for TLS): the metrics path through
 * {@link ScrapeHandler}, which reuses encoded families between scrapes, a small landing page at {@code /} and
 * {@code /-/healthy}.
 *
 * <p>Built for a hostile network: Jetty reads requests and writes responses without a thread per connection, so a
 * client that stalls holds no thread; {@link ConnectionGuard} holds every connection to a deadline and caps how
 * many are open; request heads are capped in size; what is turned away is counted in {@link HttpRefusals}.
 */
public final class MetricsServer implements AutoCloseable {

    /** Answers 200 without collecting anything: the sidecars' readiness probe. */
    public static final String HEALTH_PATH = "/-/healthy";

    /** Threads: one accepts, one runs the selector, the rest answer requests (scrapes, and password checks). */
    private static final int THREADS = 10;
    /** Request line and headers together, at most: Prometheus sends well under 1 KiB. */
    private static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;
    /**
     * The kernel's receive buffer of each connection, set rather than left to grow to several MiB: a request head
     * is at most 8 KiB, and a client sending what is not read pins no more than this. The send buffer is left to
     * the kernel's tuning: fixing it small made large answers crawl on a busy machine (16 plain-text scrapes of
     * 2.5 MB each took over 5 s), and a client that does not read is cut off at the write timeout anyway.
     */
    private static final int RECEIVE_BUFFER_BYTES = 16 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final Routes routes;

    private MetricsServer(Server server, ServerConnector connector, Routes routes) {
        this.server = server;
        this.connector = connector;
        this.routes = routes;
    }

    /** With the default {@link ServerSettings} and counters of its own (tests, tools). */
    public static MetricsServer start(Exposition exposition, ListenAddress address, String telemetryPath,
                                      String title, WebSecurity security) throws IOException {
        return start(exposition, address, telemetryPath, title, security, ServerSettings.defaults(),
                new HttpRefusals());
    }

    /**
     * With a web configuration (TLS, authentication, headers) when {@code security} is not null; what is turned
     * away is counted in {@code refusals}.
     */
    public static MetricsServer start(Exposition exposition, ListenAddress address, String telemetryPath,
                                      String title, WebSecurity security, ServerSettings settings,
                                      HttpRefusals refusals) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2, (int) Duration.ofMinutes(1).toMillis());
        threads.setName("contiv-exporter-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads, new ScheduledExecutorScheduler("contiv-exporter-http-timer", true), null);
        server.setErrorHandler(new BadRequests(refusals));

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES);
        if (security != null && security.tlsEnabled()) {
            // Prometheus names a target by address as often as by name: the Host header need not match the SNI
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
        }
        ConnectionFactory[] factories = security != null && security.tlsEnabled()
                ? new ConnectionFactory[] {new SslConnectionFactory(tls(security), "http/1.1"),
                        new HttpConnectionFactory(http)}
                : new ConnectionFactory[] {new HttpConnectionFactory(http)};
        ServerConnector connector = new ServerConnector(server, 1, 1, factories);
        if (!address.allInterfaces()) {
            connector.setHost(address.host());
        }
        connector.setPort(address.port());
        connector.setAcceptQueueSize(settings.maxConnections());
        connector.setAcceptedReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        // a backstop only: the guard's deadlines come first, and count what they close
        connector.setIdleTimeout(Stream.of(settings.readHeaderTimeout(), settings.idleTimeout(),
                settings.writeTimeout()).max(Duration::compareTo).orElseThrow().plusSeconds(5).toMillis());
        connector.addBean(new SslHandshakeListener() {
            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                refusals.rejected(HttpRefusals.Rejected.TLS_HANDSHAKE);
            }
        });
        server.addConnector(connector);

        Routes routes = new Routes(new ScrapeHandler(exposition), new LibraryScrapes(exposition.registry()),
                telemetryPath, title, security, refusals);
        ConnectionGuard guard = new ConnectionGuard(settings, refusals, routes);
        connector.addBean(guard);
        server.setHandler(guard);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    // the address as the user wrote it ([HOST]:PORT), which the JDK's message may not say
                    BindException taken = new BindException("cannot listen on " + address + ": "
                            + cause.getMessage());
                    taken.initCause(e);
                    throw taken;
                }
            }
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the HTTP server: " + e.getMessage(), e);
        }
        return new MetricsServer(server, connector, routes);
    }

    /** Jetty's TLS, set up from the web configuration: its context, protocols, ciphers and client certificates. */
    private static SslContextFactory.Server tls(WebSecurity security) {
        SslContextFactory.Server factory = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                engine.setSSLParameters(security.sslParameters(engine.getSSLParameters()));
            }
        };
        factory.setSslContext(security.sslContext());
        factory.setRenegotiationAllowed(false);
        return factory;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the first cause is what counts
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Encodes a fresh publication for the formats scraped lately, before the next scrape asks for it. */
    public void preEncode(Publication publication) {
        routes.preEncode(publication);
    }

    @Override
    public void close() {
        stopQuietly(server);
    }
}
