package io.contiv.exporter.ovsdb;

import java.util.Map;
import java.util.Optional;

/**
 * One row of the OVSDB {@code Interface} table, reduced to what the exporter reads. Optional columns that OVS
 * leaves empty (an empty set on the wire) are empty here.
 */
public record OvsInterface(
        String uuid,
        String name,
        Map<String, String> externalIds,
        Map<String, Long> statistics,
        InterfaceState state) {

    public static final String ENDPOINT_ID_KEY = "endpoint-id";

    public OvsInterface {
        externalIds = Map.copyOf(externalIds);
        statistics = Map.copyOf(statistics);
    }

    public Optional<String> endpointId() {
        String id = externalIds.get(ENDPOINT_ID_KEY);
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
}
