package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The columns a select or monitor asked for, and how a row looks restricted to them on the wire. */
record ColumnSelection(TableSchema table, List<String> columns) {

    /** What select returns without "columns": everything, with {@code _uuid} and {@code _version}. */
    static ColumnSelection allForSelect(TableSchema table) {
        List<String> columns = new ArrayList<>();
        columns.add(TableSchema.UUID_COLUMN);
        columns.add(TableSchema.VERSION_COLUMN);
        columns.addAll(table.columns().keySet());
        return new ColumnSelection(table, List.copyOf(columns));
    }

    /** What monitor reports without "columns": every column and {@code _version}, but not {@code _uuid}. */
    static ColumnSelection allForMonitor(TableSchema table) {
        List<String> columns = new ArrayList<>(table.columns().keySet());
        columns.add(TableSchema.VERSION_COLUMN);
        return new ColumnSelection(table, List.copyOf(columns));
    }

    /** Parses a "columns" array with ovsdb_column_set_from_json()'s checks and messages. */
    static ColumnSelection parse(JsonNode json, TableSchema table) throws RequestFailure {
        List<String> columns = new ArrayList<>();
        for (JsonNode name : json) {
            if (!name.isTextual() || columns.contains(name.asText())) {
                throw RequestFailure.syntax(json, "array of distinct column names expected");
            }
            if (table.column(name.asText()).isEmpty()) {
                throw RequestFailure.syntax(json, name.asText() + " is not a valid column name");
            }
            columns.add(name.asText());
        }
        return new ColumnSelection(table, List.copyOf(columns));
    }

    ObjectNode encode(Row row) {
        return encode(row, columns);
    }

    /**
     * Members come out sorted by column name. ovsdb-server's order follows its hash table and carries no
     * meaning; sorted output is stable and byte-for-byte comparable with the reference captures.
     */
    ObjectNode encode(Row row, List<String> someColumns) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (String column : someColumns.stream().sorted().toList()) {
            json.set(column, DatumCodec.encode(row.get(column), table.column(column).orElseThrow()));
        }
        return json;
    }
}
