package io.contiv.exporter.http;

import java.time.Duration;

/**
 * What one client may hold of the metrics server, and for how long: the bounds that keep slow, idle and broken
 * clients from starving Prometheus of its scrape.
 *
 * @param readHeaderTimeout a new connection must deliver a complete request head (after the TLS handshake, when
 *                          TLS is on) within this
 * @param idleTimeout       a kept-alive connection must deliver its next complete request head within this after
 *                          the last response
 * @param writeTimeout      a response must be written completely within this after its request head was read,
 *                          the scrape included; a client that does not read is cut off then
 * @param maxConnections    open connections at most; past it, the oldest connection that is not being answered
 *                          is closed to make room. Also the listen backlog.
 */
public record ServerSettings(Duration readHeaderTimeout, Duration idleTimeout, Duration writeTimeout,
                             int maxConnections) {

    public static final Duration DEFAULT_READ_HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 512;

    public ServerSettings {
        positive(readHeaderTimeout, "--web.read-header-timeout");
        positive(idleTimeout, "--web.idle-timeout");
        positive(writeTimeout, "--web.write-timeout");
        if (maxConnections < 8) {
            throw new IllegalArgumentException("--web.max-connections must be at least 8, not " + maxConnections);
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_READ_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_WRITE_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS);
    }

    /** Whether the write timeout leaves the scrape room to finish: it counts from the request, scrape included. */
    public boolean leavesRoomFor(Duration scrapeTimeout) {
        return writeTimeout.compareTo(scrapeTimeout) > 0;
    }

    private static void positive(Duration value, String option) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(option + " must be positive");
        }
    }
}
