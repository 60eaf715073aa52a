package io.contiv.exporter.tunnel;

import java.util.HashMap;
import java.util.Map;

/** Collects VTEP owners endpoint by endpoint; the first host named for an address keeps it. */
final class VtepOwners {

    private final Map<String, String> hosts = new HashMap<>();

    void add(String vtepIp, String host) {
        if (vtepIp != null && !vtepIp.isEmpty() && host != null && !host.isEmpty()) {
            hosts.putIfAbsent(vtepIp, host);
        }
    }

    Map<String, String> build() {
        return Map.copyOf(hosts);
    }
}
