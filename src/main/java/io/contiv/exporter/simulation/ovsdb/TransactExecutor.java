package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Executes the operations of a "transact" against one snapshot. The simulated database is read-only over the
 * wire: "select", "comment" and "abort" work; the other RFC 7047 operations answer "not supported".
 *
 * <p>As in ovsdb-server the result array has one element per operation; the first failing operation gets an
 * error object and every later one null.
 */
final class TransactExecutor {
    private static final Set<String> READ_WRITE_OPERATIONS =
            Set.of("insert", "update", "mutate", "delete", "wait", "commit", "assert");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OvsdbSchema schema;

    TransactExecutor(OvsdbSchema schema) {
        this.schema = schema;
    }

    /** @param operations the transact params after the database name */
    ArrayNode execute(JsonNode operations, DatabaseSnapshot snapshot) {
        ArrayNode results = NODES.arrayNode();
        int count = operations.size();
        boolean failed = false;
        for (int i = 0; i < count; i++) {
            if (failed) {
                results.addNull();
                continue;
            }
            try {
                results.add(executeOne(operations.get(i), i + 1, count, snapshot));
            } catch (OvsdbException e) {
                results.add(e.error().toJson());
                failed = true;
            }
        }
        return results;
    }

    private JsonNode executeOne(JsonNode operation, int position, int count, DatabaseSnapshot snapshot)
            throws OvsdbException {
        String prefix = "Parsing ovsdb operation " + position + " of " + count + " failed: ";
        if (!operation.isObject()) {
            throw new OvsdbException(new OvsdbError("syntax error", prefix + "Object expected.", null));
        }
        OperationMembers members = new OperationMembers(operation, position, count);
        String op = members.required("op", JsonNode::isTextual).asText();
        JsonNode result = switch (op) {
            case "select" -> select(members, snapshot);
            case "comment" -> {
                members.required("comment", JsonNode::isTextual);
                yield NODES.objectNode();
            }
            case "abort" -> throw new OvsdbException(new OvsdbError("aborted", "aborted by request", null));
            default -> {
                if (READ_WRITE_OPERATIONS.contains(op)) {
                    throw new OvsdbException(new OvsdbError("not supported",
                            "the simulated ovsdb-server only executes select, comment and abort", null));
                }
                throw members.error("No operation \"" + op + "\"");
            }
        };
        members.finish();
        return result;
    }

    private JsonNode select(OperationMembers members, DatabaseSnapshot snapshot) throws OvsdbException {
        String tableName = members.required("table", JsonNode::isTextual).asText();
        TableSchema table = schema.table(tableName)
                .orElseThrow(() -> members.error("No table named " + tableName + "."));
        JsonNode whereJson = members.required("where", JsonNode::isArray);
        JsonNode columnsJson = members.optional("columns", JsonNode::isArray);
        WhereClause where = WhereClause.parse(whereJson, table);
        ColumnSelection columns = columnsJson == null ? ColumnSelection.allForSelect(table)
                : ColumnSelection.parse(columnsJson, table);

        // ovsdb-server returns distinct rows: rows identical in the selected columns come out once.
        Set<ObjectNode> distinct = new LinkedHashSet<>();
        for (Row row : snapshot.rows(tableName).values()) {
            if (where.matches(row)) {
                distinct.add(columns.encode(row));
            }
        }
        ArrayNode rows = NODES.arrayNode();
        distinct.forEach(rows::add);
        ObjectNode result = NODES.objectNode();
        result.set("rows", rows);
        return result;
    }
}
