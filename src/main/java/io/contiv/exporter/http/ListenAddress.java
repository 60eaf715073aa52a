package io.contiv.exporter.http;

/** {@code --web.listen-address}: {@code :PORT}, {@code HOST:PORT} or {@code [V6]:PORT}; an empty host means all. */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address '" + text + "' is not [HOST]:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address '" + text + "' has an invalid port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen address '" + text + "' has a port out of range");
        }
        return new ListenAddress(host, port);
    }

    public boolean allInterfaces() {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    /** As written on the command line: {@code :9004}, {@code 127.0.0.1:9004}, {@code [::1]:9005}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
