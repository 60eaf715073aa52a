package io.contiv.exporter.simulation.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One table of the schema. Besides the declared columns every table has the implicit {@code _uuid} and
 * {@code _version} columns (RFC 7047 section 3.2), which {@link #column} also knows.
 */
public record TableSchema(String name, Map<String, ColumnType> columns) {
    public static final String UUID_COLUMN = "_uuid";
    public static final String VERSION_COLUMN = "_version";
    private static final ColumnType UUID_TYPE = new ColumnType(BaseType.of(AtomicType.UUID), null, 1, 1);

    public TableSchema {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Optional<ColumnType> column(String columnName) {
        if (UUID_COLUMN.equals(columnName) || VERSION_COLUMN.equals(columnName)) {
            return Optional.of(UUID_TYPE);
        }
        return Optional.ofNullable(columns.get(columnName));
    }

    /** A row holding the default value in every declared column, ready for the caller to fill in. */
    Map<String, Datum> defaultRow(UUID uuid) {
        Map<String, Datum> row = new LinkedHashMap<>();
        row.put(UUID_COLUMN, Datum.atom(uuid));
        columns.forEach((columnName, type) -> row.put(columnName, type.defaultDatum()));
        return row;
    }
}
