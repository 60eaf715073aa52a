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
     * Parses the monitor-requests object {@code {table: request-or-array-of-requests}} with ovsdb-server's
     * checks, in its order, and its messages. Several requests for one table are merged: their columns joined,
     * their select flags or-ed (ovsdb-server keeps per-column flags; no client of this simulation needs that).
     */
    static Monitor parse(JsonNode id, JsonNode requests, OvsdbSchema schema) throws RequestFailure {
        if (!requests.isObject()) {
            throw RequestFailure.syntax(requests, "monitor-requests must be object");
        }
        List<TableMonitor> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            TableSchema table = schema.table(entry.getKey()).orElseThrow(() -> new RequestFailure(
                    new OvsdbError("syntax error", "no table named " + entry.getKey(), null)));
            TableMonitor tableMonitor = parseTable(table, entry.getValue());
            if (tableMonitor != null) {
                tables.add(tableMonitor);
            }
        }
        return new Monitor(id, List.copyOf(tables));
    }

    /** The table's merged requests, or null for an empty array of requests. */
    private static TableMonitor parseTable(TableSchema table, JsonNode json) throws RequestFailure {
        List<JsonNode> requests = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(requests::add);
        } else {
            requests.add(json);
        }
        Set<String> columns = new LinkedHashSet<>();
        MonitorSelect select = null;
        for (JsonNode request : requests) {
            MemberParser members = new MemberParser(request, "table " + table.name());
            JsonNode columnsJson = members.optional("columns", JsonNode::isArray);
            JsonNode selectJson = members.optional("select", JsonNode::isObject);
            members.finishOrThrow();
            MonitorSelect requestSelect = MonitorSelect.ALL;
            if (selectJson != null) {
                MemberParser flags = new MemberParser(selectJson, "table " + table.name() + " select");
                requestSelect = new MonitorSelect(flags.optionalFlag("initial"), flags.optionalFlag("insert"),
                        flags.optionalFlag("delete"), flags.optionalFlag("modify"));
                flags.finishOrThrow();
            }
            List<String> requested = columnsJson == null ? ColumnSelection.allForMonitor(table).columns()
                    : columnNames(columnsJson, table);
            for (String column : requested) {
                if (!columns.add(column)) {
                    throw RequestFailure.syntax(columnsJson, "column " + column + " mentioned more than once");
                }
            }
            select = select == null ? requestSelect : select.or(requestSelect);
        }
        if (requests.isEmpty()) {
            return null; // {"Interface":[]} watches nothing, whereas {"columns":[]} reports bare row uuids
        }
        return new TableMonitor(table, new ColumnSelection(table, List.copyOf(columns)), select);
    }

    private static List<String> columnNames(JsonNode columnsJson, TableSchema table) throws RequestFailure {
        List<String> names = new ArrayList<>();
        for (JsonNode name : columnsJson) {
            if (!name.isTextual()) {
                throw RequestFailure.syntax(columnsJson, "array of column names expected");
            }
            if (table.column(name.asText()).isEmpty()) {
                throw RequestFailure.syntax(columnsJson, name.asText() + " is not a valid column name");
            }
            names.add(name.asText());
        }
        return names;
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
