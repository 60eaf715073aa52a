package io.contiv.exporter.etcd;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code CONTIV_ETCD}: comma-separated endpoints written {@code http://host:port}, {@code etcd://host:port}
 * or {@code host:port}, as Contiv's install manifests write them.
 */
public final class EtcdEndpoints {

    private EtcdEndpoints() {
    }

    public static List<URI> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no etcd endpoint given; expected http://host:port[,http://host:port]");
        }
        List<URI> endpoints = new ArrayList<>();
        for (String part : text.split(",")) {
            String endpoint = part.trim();
            if (!endpoint.isEmpty()) {
                endpoints.add(parseOne(endpoint));
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint in '" + text + "'");
        }
        return List.copyOf(endpoints);
    }

    private static URI parseOne(String endpoint) {
        String scheme = "http";
        String rest = endpoint;
        int separator = endpoint.indexOf("://");
        if (separator >= 0) {
            String given = endpoint.substring(0, separator).toLowerCase();
            rest = endpoint.substring(separator + 3);
            scheme = switch (given) {
                case "http", "etcd" -> "http";
                case "https" -> "https";
                default -> throw new IllegalArgumentException(
                        "etcd endpoint '" + endpoint + "' has unsupported scheme '" + given + "'");
            };
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        try {
            URI uri = new URI(scheme + "://" + rest);
            if (uri.getHost() == null || uri.getPort() < 0 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("etcd endpoint '" + endpoint + "' is not host:port");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("etcd endpoint '" + endpoint + "' is not host:port");
        }
    }
}
