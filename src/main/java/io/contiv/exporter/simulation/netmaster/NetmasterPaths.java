package io.contiv.exporter.simulation.netmaster;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The netmaster URLs the exporter reads, and how request paths map onto them. */
public final class NetmasterPaths {

    public static final String NETWORKS = "/api/v1/networks/";
    public static final String TENANTS = "/api/v1/tenants/";
    public static final String ENDPOINT_GROUPS = "/api/v1/endpointGroups/";
    public static final String INSPECT_NETWORKS = "/api/v1/inspect/networks/";
    public static final String INSPECT_ENDPOINTS = "/api/v1/inspect/endpoints/";

    private NetmasterPaths() {
    }

    /** The decoded inspect path of a network: {@code /api/v1/inspect/networks/tenant:network/}. */
    public static String inspectNetwork(String networkKey) {
        return INSPECT_NETWORKS + networkKey + "/";
    }

    /** A path decoded ({@code %3A} to {@code :}) and ending in one slash, the form routes are matched in. */
    public static String canonical(String path) {
        // keep a literal '+' a plus sign: in a path it is not a space
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        return decoded.endsWith("/") ? decoded : decoded + "/";
    }

    /** The key of a canonical endpoint inspect path: {@code /api/v1/inspect/endpoints/<key>/}. */
    public static Optional<String> inspectedEndpoint(String canonicalPath) {
        if (!canonicalPath.startsWith(INSPECT_ENDPOINTS) || canonicalPath.length() <= INSPECT_ENDPOINTS.length()) {
            return Optional.empty();
        }
        String key = canonicalPath.substring(INSPECT_ENDPOINTS.length(), canonicalPath.length() - 1);
        return key.isEmpty() || key.contains("/") ? Optional.empty() : Optional.of(key);
    }

    /** The network key of a canonical inspect path. */
    public static Optional<String> inspectedNetwork(String canonicalPath) {
        if (!canonicalPath.startsWith(INSPECT_NETWORKS) || canonicalPath.length() <= INSPECT_NETWORKS.length()) {
            return Optional.empty();
        }
        String key = canonicalPath.substring(INSPECT_NETWORKS.length(), canonicalPath.length() - 1);
        return key.isEmpty() || key.contains("/") ? Optional.empty() : Optional.of(key);
    }
}
