package io.contiv.exporter.simulation.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An immutable view of every table at one moment; selects read one, monitors diff two. */
public record DatabaseSnapshot(long generation, Map<String, Map<UUID, Row>> tables) {
    public DatabaseSnapshot {
        Map<String, Map<UUID, Row>> copy = new LinkedHashMap<>();
        tables.forEach((name, rows) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(rows))));
        tables = Collections.unmodifiableMap(copy);
    }

    /** The rows of a table in the order the server lists them. */
    public Map<UUID, Row> rows(String table) {
        return tables.getOrDefault(table, Map.of());
    }
}
