package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the members of one transact operation like ovsdb-server's ovsdb_parser: missing or mistyped members
 * and leftover members give "syntax error"s prefixed with the operation's position.
 */
final class OperationMembers {
    private final JsonNode operation;
    private final String prefix;
    private final Set<String> used = new HashSet<>();

    OperationMembers(JsonNode operation, int position, int count) {
        this.operation = operation;
        this.prefix = "Parsing ovsdb operation " + position + " of " + count + " failed: ";
    }

    JsonNode required(String name, Predicate<JsonNode> hasRightType) throws OvsdbException {
        JsonNode value = optional(name, hasRightType);
        if (value == null) {
            throw error("Required '" + name + "' member is missing.");
        }
        return value;
    }

    /** The member, or null when absent. */
    JsonNode optional(String name, Predicate<JsonNode> hasRightType) throws OvsdbException {
        used.add(name);
        JsonNode value = operation.get(name);
        if (value != null && !hasRightType.test(value)) {
            throw error("Type mismatch for member '" + name + "'.");
        }
        return value;
    }

    /** Fails on the first member nobody asked for. */
    void finish() throws OvsdbException {
        for (Iterator<String> names = operation.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!used.contains(name)) {
                throw error("Member '" + name + "' is present but not allowed here.");
            }
        }
    }

    OvsdbException error(String details) {
        return OvsdbException.syntax(operation, prefix + details);
    }
}
