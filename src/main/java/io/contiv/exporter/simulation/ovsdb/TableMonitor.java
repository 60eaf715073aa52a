package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one monitor watches in one table, and the row updates it reports (RFC 7047 "table-updates"). */
record TableMonitor(TableSchema table, ColumnSelection columns, MonitorSelect select) {

    /** {@code {uuid:{"new":row}}} for every row, or an empty object when "initial" is off or no rows exist. */
    ObjectNode initial(DatabaseSnapshot snapshot) {
        ObjectNode rows = JsonNodeFactory.instance.objectNode();
        if (select.initial()) {
            snapshot.rows(table.name()).forEach((uuid, row) -> rows.set(uuid.toString(), rowUpdate(row, null)));
        }
        return rows;
    }

    /**
     * The row updates between two snapshots: inserts as {@code {"new":row}}, deletes as {@code {"old":row}},
     * modifications of a watched column as {@code {"new":row,"old":{changed columns}}}. Changes limited to
     * unwatched columns are not reported.
     */
    ObjectNode changes(DatabaseSnapshot before, DatabaseSnapshot after) {
        ObjectNode rows = JsonNodeFactory.instance.objectNode();
        Map<UUID, Row> oldRows = before.rows(table.name());
        after.rows(table.name()).forEach((uuid, row) -> {
            Row old = oldRows.get(uuid);
            if (old == null) {
                if (select.insert()) {
                    rows.set(uuid.toString(), rowUpdate(row, null));
                }
                return;
            }
            List<String> changed = new ArrayList<>();
            for (String column : columns.columns()) {
                if (!old.get(column).equals(row.get(column))) {
                    changed.add(column);
                }
            }
            if (!changed.isEmpty() && select.modify()) {
                rows.set(uuid.toString(), rowUpdate(row, columns.encode(old, changed)));
            }
        });
        Map<UUID, Row> newRows = after.rows(table.name());
        oldRows.forEach((uuid, old) -> {
            if (!newRows.containsKey(uuid) && select.delete()) {
                ObjectNode update = JsonNodeFactory.instance.objectNode();
                update.set("old", columns.encode(old));
                rows.set(uuid.toString(), update);
            }
        });
        return rows;
    }

    private ObjectNode rowUpdate(Row row, ObjectNode oldColumns) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.set("new", columns.encode(row));
        if (oldColumns != null) {
            update.set("old", oldColumns);
        }
        return update;
    }
}
