package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One client's "monitor": its id and, per table, what it watches. */
record Monitor(JsonNode id, List<TableMonitor> tables) {

    /**
     * Parses the monitor-requests object {@code {table: request-or-array-of-requests}}. Several requests for one
     * table are merged: their columns joined, their select flags or-ed (ovsdb-server keeps per-column flags;
     * no client of this simulation needs that).
     */
    static Monitor parse(JsonNode id, JsonNode requests, OvsdbSchema schema) throws OvsdbException {
        if (!requests.isObject()) {
            throw OvsdbException.syntax(requests, "Object expected.");
        }
        List<TableMonitor> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            TableSchema table = schema.table(entry.getKey()).orElseThrow(() -> new OvsdbException(
                    new OvsdbError("syntax error", "no table named " + entry.getKey(), null)));
            tables.add(parseTable(table, entry.getValue()));
        }
        return new Monitor(id, List.copyOf(tables));
    }

    private static TableMonitor parseTable(TableSchema table, JsonNode json) throws OvsdbException {
        List<JsonNode> requests = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(requests::add);
        } else {
            requests.add(json);
        }
        Set<String> columns = new LinkedHashSet<>();
        MonitorSelect select = null;
        for (JsonNode request : requests) {
            if (!request.isObject()) {
                throw OvsdbException.syntax(request, "Object expected.");
            }
            JsonNode columnsJson = request.get("columns");
            if (columnsJson != null && !columnsJson.isArray()) {
                throw OvsdbException.syntax(request, "Type mismatch for member 'columns'.");
            }
            ColumnSelection requested = columnsJson == null ? ColumnSelection.allForMonitor(table)
                    : ColumnSelection.parse(columnsJson, table);
            for (String column : requested.columns()) {
                if (!columns.add(column)) {
                    throw OvsdbException.syntax(columnsJson, "column " + column + " mentioned more than once");
                }
            }
            MonitorSelect requestSelect = MonitorSelect.parse(request.get("select"));
            select = select == null ? requestSelect : select.or(requestSelect);
        }
        return new TableMonitor(table, new ColumnSelection(table, List.copyOf(columns)),
                select == null ? MonitorSelect.ALL : select);
    }

    /** The monitor's reply: {@code {table:{uuid:{"new":row}}}}, leaving out tables without rows. */
    ObjectNode initial(DatabaseSnapshot snapshot) {
        ObjectNode updates = JsonNodeFactory.instance.objectNode();
        for (TableMonitor table : tables) {
            ObjectNode rows = table.initial(snapshot);
            if (!rows.isEmpty()) {
                updates.set(table.table().name(), rows);
            }
        }
        return updates;
    }

    /** The "table-updates" for an "update" notification, or empty when nothing watched changed. */
    Optional<ObjectNode> changes(DatabaseSnapshot before, DatabaseSnapshot after) {
        ObjectNode updates = JsonNodeFactory.instance.objectNode();
        for (TableMonitor table : tables) {
            ObjectNode rows = table.changes(before, after);
            if (!rows.isEmpty()) {
                updates.set(table.table().name(), rows);
            }
        }
        return updates.isEmpty() ? Optional.empty() : Optional.of(updates);
    }
}
