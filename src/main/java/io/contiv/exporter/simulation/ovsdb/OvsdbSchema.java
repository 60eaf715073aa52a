package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database schema the simulated server serves: the Open_vSwitch, Bridge, Port and Interface tables copied
 * from Open vSwitch 3.1's vswitch.ovsschema, minus the columns that reference tables left out (a schema may only
 * reference its own tables). The Interface table is complete, so rows look exactly like a real server's.
 */
public final class OvsdbSchema {
    static final String RESOURCE = "vswitch-subset.ovsschema";

    private final JsonNode json;
    private final Map<String, TableSchema> tables;

    private OvsdbSchema(JsonNode json) {
        this.json = json;
        Map<String, TableSchema> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            Map<String, ColumnType> columns = new LinkedHashMap<>();
            table.getValue().get("columns").fields()
                    .forEachRemaining(column -> columns.put(column.getKey(),
                            ColumnType.fromJson(column.getValue().get("type"))));
            parsed.put(table.getKey(), new TableSchema(table.getKey(), columns));
        }
        this.tables = Map.copyOf(parsed);
    }

    public static OvsdbSchema openVswitch() {
        try (InputStream in = OvsdbSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new OvsdbSchema(OvsdbJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return json.get("name").asText();
    }

    public Optional<TableSchema> table(String tableName) {
        return Optional.ofNullable(tables.get(tableName));
    }

    public TableSchema requireTable(String tableName) {
        return table(tableName).orElseThrow(() -> new IllegalArgumentException("no table " + tableName));
    }

    /** The schema as get_schema returns it. */
    public JsonNode json() {
        return json.deepCopy();
    }
}
