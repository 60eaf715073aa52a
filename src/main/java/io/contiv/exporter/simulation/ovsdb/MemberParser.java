package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the members of a JSON object the way ovsdb-server's ovsdb_parser does: it keeps the first problem
 * (missing member, wrong type, or one raised by the caller) and reports it, or else any member nobody asked for,
 * from {@link #finish()}, as a "syntax error" whose details start with "Parsing {context} failed: ".
 * ovsdb-server lets these errors win over errors found later while executing, and so does the simulator.
 */
final class MemberParser {
    private final JsonNode object;
    private final String prefix;
    private final Set<String> used = new HashSet<>();
    private OvsdbError firstError;

    /** @param context e.g. "ovsdb operation 1 of 2" or "table Interface" */
    MemberParser(JsonNode object, String context) {
        this.object = object;
        this.prefix = "Parsing " + context + " failed: ";
        if (!object.isObject()) {
            firstError = new OvsdbError("syntax error", prefix + "Object expected.", null);
        }
    }

    /** The member, or null when it is missing or has the wrong type (and then the problem is recorded). */
    JsonNode required(String name, Predicate<JsonNode> hasRightType) {
        JsonNode value = optional(name, hasRightType);
        if (value == null && object.isObject() && !object.has(name)) {
            raise("Required '" + name + "' member is missing.");
        }
        return value;
    }

    /** The member, or null when it is absent or has the wrong type (then the problem is recorded). */
    JsonNode optional(String name, Predicate<JsonNode> hasRightType) {
        used.add(name);
        JsonNode value = object.isObject() ? object.get(name) : null;
        if (value != null && !hasRightType.test(value)) {
            raise("Type mismatch for member '" + name + "'.");
            return null;
        }
        return value;
    }

    /** Boolean member that defaults to true when absent. */
    boolean optionalFlag(String name) {
        JsonNode value = optional(name, JsonNode::isBoolean);
        return value == null || value.asBoolean();
    }

    /** Records a problem found while interpreting a member (unknown table, unknown operation...). */
    void raise(String details) {
        if (firstError == null) {
            firstError = OvsdbError.syntax(object, prefix + details);
        }
    }

    boolean hasError() {
        return firstError != null;
    }

    /** The first recorded problem, else an error naming members nobody asked for, else nothing. */
    Optional<OvsdbError> finish() {
        if (firstError != null) {
            return Optional.of(firstError);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!used.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        unknown.sort(AtomOrder.INSTANCE);
        int others = unknown.size() - 1;
        String details = others == 0
                ? "Member '" + unknown.get(0) + "' is present but not allowed here."
                : "Member '" + unknown.get(0) + "' and " + others + " other member" + (others == 1 ? "" : "s")
                        + " are present but not allowed here.";
        return Optional.of(OvsdbError.syntax(object, prefix + details));
    }

    /** {@link #finish()} as an exception, for callers that stop at the first problem. */
    void finishOrThrow() throws RequestFailure {
        Optional<OvsdbError> error = finish();
        if (error.isPresent()) {
            throw new RequestFailure(error.get());
        }
    }
}
