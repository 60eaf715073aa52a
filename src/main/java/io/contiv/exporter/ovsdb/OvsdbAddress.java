package io.contiv.exporter.ovsdb;

import io.contiv.exporter.tls.ClientTls;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where an OVSDB server listens, written the way Open vSwitch writes it: {@code tcp:HOST:PORT}, {@code ssl:HOST:PORT}
 * or {@code unix:PATH}; for {@code ssl:}, also the TLS files to connect with ({@link #securedBy}).
 */
public record OvsdbAddress(String text, SocketAddress socketAddress, ClientTls tls) {

    public OvsdbAddress(String text, SocketAddress socketAddress) {
        this(text, socketAddress, null);
    }

    public static OvsdbAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("OVSDB address is empty; expected tcp:HOST:PORT or unix:PATH");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("unix:")) {
            String path = trimmed.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("OVSDB address '" + text + "' has no socket path");
            }
            return new OvsdbAddress(trimmed, UnixDomainSocketAddress.of(Path.of(path)));
        }
        if (trimmed.startsWith("tcp:") || trimmed.startsWith("ssl:")) {
            String hostPort = trimmed.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("OVSDB address '" + text + "' is not "
                        + trimmed.substring(0, 4) + "HOST:PORT");
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = parsePort(hostPort.substring(colon + 1), text);
            return new OvsdbAddress(trimmed, InetSocketAddress.createUnresolved(host, port));
        }
        throw new IllegalArgumentException("OVSDB address '" + text + "' must start with tcp:, ssl: or unix:");
    }

    /** Whether the server speaks TLS ({@code ssl:}). */
    public boolean ssl() {
        return text.startsWith("ssl:");
    }

    /** This {@code ssl:} address with the TLS files to connect with. */
    public OvsdbAddress securedBy(ClientTls clientTls) {
        if (!ssl()) {
            throw new IllegalArgumentException("OVSDB address '" + text + "' is not ssl:HOST:PORT");
        }
        return new OvsdbAddress(text, socketAddress, clientTls);
    }

    private static int parsePort(String port, String text) {
        try {
            int value = Integer.parseInt(port);
            if (value < 1 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OVSDB address '" + text + "' has an invalid port '" + port + "'");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
