package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The key or value part of a column type: an atomic type plus its constraints.
 *
 * @param enumValues allowed values, or null when unconstrained
 * @param minInteger lower bound for integers, or null
 * @param maxInteger upper bound for integers, or null
 * @param refTable   referenced table for uuids, or null
 */
public record BaseType(AtomicType type, List<Object> enumValues, Long minInteger, Long maxInteger,
                       String refTable) {

    public static BaseType of(AtomicType type) {
        return new BaseType(type, null, null, null, null);
    }

    /** Parses {@code "string"} or {@code {"type":"string","enum":["set",[...]]}}. */
    static BaseType fromJson(JsonNode json) {
        if (json.isTextual()) {
            return of(AtomicType.fromWireName(json.asText()));
        }
        AtomicType type = AtomicType.fromWireName(json.path("type").asText());
        List<Object> enumValues = null;
        JsonNode enumJson = json.get("enum");
        if (enumJson != null) {
            enumValues = new ArrayList<>();
            // An enum is an OVSDB set: ["set",[...]] or, with one member, the bare atom.
            boolean isSet = enumJson.isArray() && "set".equals(enumJson.path(0).asText());
            if (isSet) {
                for (JsonNode member : enumJson.get(1)) {
                    enumValues.add(atomFromSchema(type, member));
                }
            } else {
                enumValues.add(atomFromSchema(type, enumJson));
            }
            enumValues.sort(AtomOrder.INSTANCE);
        }
        Long min = json.has("minInteger") ? json.get("minInteger").asLong() : null;
        Long max = json.has("maxInteger") ? json.get("maxInteger").asLong() : null;
        String refTable = json.has("refTable") ? json.get("refTable").asText() : null;
        return new BaseType(type, enumValues == null ? null : List.copyOf(enumValues), min, max, refTable);
    }

    private static Object atomFromSchema(AtomicType type, JsonNode json) {
        return switch (type) {
            case STRING -> json.asText();
            case INTEGER -> json.asLong();
            case REAL -> json.asDouble();
            case BOOLEAN -> json.asBoolean();
            case UUID -> java.util.UUID.fromString(json.get(1).asText());
        };
    }

    /** The atom a required column holds until something sets it, as in ovsdb_atom_init_default(). */
    Object defaultAtom() {
        if (enumValues != null && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        return switch (type) {
            case INTEGER -> minInteger != null && minInteger > 0 ? minInteger : 0L;
            case REAL -> 0.0;
            case BOOLEAN -> false;
            case STRING -> "";
            case UUID -> new java.util.UUID(0, 0);
        };
    }

    /** How ovsdb-server names the type in "Type mismatch" messages. */
    String describe() {
        return type.wireName();
    }
}
