package io.contiv.exporter.ovsdb;

import java.util.Map;
import java.util.Optional;

/**
 * One row of the OVSDB {@code Interface} table, reduced to what the exporter reads. Optional columns that OVS
 * leaves empty (an empty set on the wire) are empty here. A change to some columns makes a new row that shares the
 * others with the old one: a statistics refresh replaces only the counters.
 */
public record OvsInterface(
        String uuid,
        String name,
        Map<String, String> externalIds,
        InterfaceStatistics statistics,
        InterfaceState state) {

    public static final String ENDPOINT_ID_KEY = "endpoint-id";

    public OvsInterface {
        externalIds = Map.copyOf(externalIds);
    }

    public OvsInterface(String uuid, String name, Map<String, String> externalIds, Map<String, Long> statistics,
                        InterfaceState state) {
        this(uuid, name, externalIds, InterfaceStatistics.copyOf(statistics), state);
    }

    public Optional<String> endpointId() {
        String id = externalIds.get(ENDPOINT_ID_KEY);
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    OvsInterface withStatistics(InterfaceStatistics changed) {
        return new OvsInterface(uuid, name, externalIds, changed, state);
    }
}
