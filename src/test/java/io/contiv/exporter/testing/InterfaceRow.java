package io.contiv.exporter.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One OVS Interface to load into a test database; its Port gets the same name. */
public record InterfaceRow(String name, Map<String, String> externalIds, Map<String, Long> statistics) {

    /** The statistics keys a real OVS 3.1 reports for a netplugin endpoint port (see the reference sample). */
    public static final List<String> ENDPOINT_STATISTICS = List.of(
            "collisions", "rx_bytes", "rx_dropped", "rx_errors", "rx_packets",
            "tx_bytes", "tx_dropped", "tx_errors", "tx_packets");

    public InterfaceRow {
        externalIds = Map.copyOf(externalIds);
        statistics = Map.copyOf(statistics);
    }

    /** An endpoint port as netplugin creates it, with the nine usual statistics derived from {@code seed}. */
    public static InterfaceRow endpoint(String name, String endpointId, long seed) {
        Map<String, Long> statistics = new LinkedHashMap<>();
        for (int i = 0; i < ENDPOINT_STATISTICS.size(); i++) {
            statistics.put(ENDPOINT_STATISTICS.get(i), seed * 100 + i);
        }
        return new InterfaceRow(name, Map.of("endpoint-id", endpointId), statistics);
    }
}
