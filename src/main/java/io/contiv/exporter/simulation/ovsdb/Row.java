package io.contiv.exporter.simulation.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One database row: every column of its table, including {@code _uuid} and {@code _version}. */
public record Row(UUID uuid, Map<String, Datum> columns) {
    public Row {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Datum get(String column) {
        Datum datum = columns.get(column);
        if (datum == null) {
            throw new IllegalArgumentException("row has no column " + column);
        }
        return datum;
    }
}
