package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Executes the operations of a "transact" against one snapshot. The simulated database is read-only over the
 * wire: "select", "comment" and "abort" work; the other RFC 7047 operations answer "not supported".
 *
 * <p>As in ovsdb-server the result array has one element per operation; the first failing operation gets an
 * error object and every later one null.
 */
final class TransactExecutor {
    private static final Set<String> WRITE_OPERATIONS =
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
            } catch (RequestFailure e) {
                results.add(e.error().toJson());
                failed = true;
            }
        }
        return results;
    }

    private JsonNode executeOne(JsonNode operation, int position, int count, DatabaseSnapshot snapshot)
            throws RequestFailure {
        MemberParser members = new MemberParser(operation, "ovsdb operation " + position + " of " + count);
        JsonNode op = members.required("op", JsonNode::isTextual);
        JsonNode result = null;
        RequestFailure failure = null;
        if (op != null) {
            try {
                result = switch (op.asText()) {
                    case "select" -> select(members, snapshot);
                    case "comment" -> comment(members);
                    case "abort" -> throw new RequestFailure(new OvsdbError("aborted", "aborted by request", null));
                    default -> unsupported(members, op.asText());
                };
            } catch (RequestFailure e) {
                failure = e;
            }
        }
        // ovsdb-server reports a malformed operation in preference to what executing it found.
        Optional<OvsdbError> parseError = members.finish();
        if (parseError.isPresent()) {
            throw new RequestFailure(parseError.get());
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private JsonNode select(MemberParser members, DatabaseSnapshot snapshot) throws RequestFailure {
        JsonNode tableName = members.required("table", JsonNode::isTextual);
        TableSchema table = tableName == null ? null : schema.table(tableName.asText()).orElse(null);
        if (tableName != null && table == null) {
            members.raise("No table named " + tableName.asText() + ".");
        }
        JsonNode whereJson = members.required("where", JsonNode::isArray);
        JsonNode columnsJson = members.optional("columns", JsonNode::isArray);
        if (members.hasError()) {
            return null;
        }
        WhereClause where = WhereClause.parse(whereJson, table);
        ColumnSelection columns = columnsJson == null ? ColumnSelection.allForSelect(table)
                : ColumnSelection.parse(columnsJson, table);

        // ovsdb-server returns distinct rows: rows identical in the selected columns come out once.
        Set<ObjectNode> distinct = new LinkedHashSet<>();
        for (Row row : snapshot.rows(table.name()).values()) {
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

    private static JsonNode comment(MemberParser members) {
        members.required("comment", JsonNode::isTextual);
        return NODES.objectNode();
    }

    private static JsonNode unsupported(MemberParser members, String op) throws RequestFailure {
        if (!WRITE_OPERATIONS.contains(op)) {
            members.raise("No operation \"" + op + "\"");
            return null;
        }
        // Mark the operation's members as known so that the answer is about the operation, not its members.
        members.optional("table", node -> true);
        members.optional("row", node -> true);
        members.optional("where", node -> true);
        members.optional("uuid-name", node -> true);
        members.optional("mutations", node -> true);
        members.optional("columns", node -> true);
        members.optional("until", node -> true);
        members.optional("rows", node -> true);
        members.optional("timeout", node -> true);
        members.optional("durable", node -> true);
        members.optional("lock", node -> true);
        throw new RequestFailure(new OvsdbError("not supported",
                "the simulated ovsdb-server only executes select, comment and abort", null));
    }
}
