package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * OVSDB's wire encoding of datums (RFC 7047 section 5.1), with ovsdb-server's rules: maps are always
 * {@code ["map",[[k,v],...]]} (even with one entry), a set with exactly one element is the bare atom, any other
 * set is {@code ["set",[...]]}, uuids are {@code ["uuid","..."]}. Decoding checks types and constraints and fails
 * with the error objects and messages ovsdb-server 3.1 sends.
 */
final class DatumCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatumCodec() {
    }

    static JsonNode encode(Datum datum, ColumnType type) {
        if (type.isMap()) {
            ArrayNode pairs = NODES.arrayNode();
            for (int i = 0; i < datum.size(); i++) {
                pairs.add(NODES.arrayNode().add(encodeAtom(datum.keys().get(i))).add(encodeAtom(datum.values().get(i))));
            }
            return NODES.arrayNode().add("map").add(pairs);
        }
        if (datum.size() == 1) {
            return encodeAtom(datum.keys().get(0));
        }
        ArrayNode atoms = NODES.arrayNode();
        datum.keys().forEach(atom -> atoms.add(encodeAtom(atom)));
        return NODES.arrayNode().add("set").add(atoms);
    }

    static JsonNode encodeAtom(Object atom) {
        if (atom instanceof String s) {
            return NODES.textNode(s);
        }
        if (atom instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (atom instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (atom instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (atom instanceof UUID u) {
            return NODES.arrayNode().add("uuid").add(u.toString());
        }
        throw new IllegalArgumentException("not an OVSDB atom: " + atom);
    }

    static Datum decode(JsonNode json, ColumnType type) throws RequestFailure {
        String kind = type.isMap() ? "map" : "set";
        List<JsonNode> elements;
        if (type.isMap() || isTagged(json, "set")) {
            if (!isTagged(json, kind) || json.size() != 2 || !json.get(1).isArray()) {
                throw RequestFailure.syntax(json, "expected [\"" + kind + "\", <array>]");
            }
            elements = new ArrayList<>();
            json.get(1).forEach(elements::add);
        } else {
            elements = List.of(json);
        }
        if (elements.size() < type.min() || elements.size() > type.max()) {
            String expected = type.min() == 1 && type.max() == 1 ? "exactly one member"
                    : type.min() + " to " + type.max() + " members";
            throw RequestFailure.syntax(json,
                    kind + " must have " + expected + " but " + elements.size() + " are present");
        }
        List<Object> keys = new ArrayList<>();
        List<Object> values = type.isMap() ? new ArrayList<>() : null;
        for (JsonNode element : elements) {
            if (type.isMap()) {
                if (!element.isArray() || element.size() != 2) {
                    throw RequestFailure.syntax(element, "Parse error in map.");
                }
                keys.add(decodeAtom(element.get(0), type.key()));
                values.add(decodeAtom(element.get(1), type.value()));
            } else {
                keys.add(decodeAtom(element, type.key()));
            }
        }
        Datum datum = type.isMap() ? Datum.map(zip(keys, values)) : Datum.set(keys);
        if (datum.size() != keys.size()) {
            String details = type.isMap() ? "map contains duplicate key" : "set contains duplicate";
            throw new RequestFailure(new OvsdbError("ovsdb error", details, null));
        }
        return datum;
    }

    private static Map<Object, Object> zip(List<Object> keys, List<Object> values) {
        Map<Object, Object> map = new TreeMap<>(AtomOrder.INSTANCE);
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), values.get(i));
        }
        return map;
    }

    private static boolean isTagged(JsonNode json, String tag) {
        return json.isArray() && json.size() >= 1 && tag.equals(json.get(0).asText(null));
    }

    static Object decodeAtom(JsonNode json, BaseType type) throws RequestFailure {
        Object atom = switch (type.type()) {
            case STRING -> {
                if (!json.isTextual()) {
                    throw RequestFailure.syntax(json, "expected string");
                }
                yield json.asText();
            }
            case INTEGER -> {
                if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw RequestFailure.syntax(json, "expected integer");
                }
                yield json.asLong();
            }
            case REAL -> {
                if (!json.isNumber()) {
                    throw RequestFailure.syntax(json, "expected real");
                }
                yield json.asDouble();
            }
            case BOOLEAN -> {
                if (!json.isBoolean()) {
                    throw RequestFailure.syntax(json, "expected boolean");
                }
                yield json.asBoolean();
            }
            case UUID -> decodeUuid(json);
        };
        checkConstraints(atom, type);
        return atom;
    }

    private static UUID decodeUuid(JsonNode json) throws RequestFailure {
        if (!isTagged(json, "uuid") || json.size() != 2 || !json.get(1).isTextual()) {
            throw RequestFailure.syntax(json, "expected [\"uuid\", <string>]");
        }
        String text = json.get(1).asText();
        if (!text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw RequestFailure.syntax(json, "\"" + text + "\" is not a valid UUID");
        }
        return UUID.fromString(text.toLowerCase(Locale.ROOT));
    }

    private static void checkConstraints(Object atom, BaseType type) throws RequestFailure {
        if (type.enumValues() != null && !type.enumValues().contains(atom)) {
            String allowed = type.enumValues().stream().map(String::valueOf).collect(Collectors.joining(", "));
            throw constraintViolation(atom + " is not one of the allowed values ([" + allowed + "])");
        }
        if (atom instanceof Long value) {
            Long min = type.minInteger();
            Long max = type.maxInteger();
            if (min != null && max != null && (value < min || value > max)) {
                throw constraintViolation(value + " is not in the valid range " + min + " to " + max + " (inclusive)");
            }
            if (min != null && max == null && value < min) {
                throw constraintViolation(value + " is less than minimum allowed value " + min);
            }
            if (max != null && min == null && value > max) {
                throw constraintViolation(value + " is greater than maximum allowed value " + max);
            }
        }
    }

    private static RequestFailure constraintViolation(String details) {
        return new RequestFailure(new OvsdbError("constraint violation", details, null));
    }
}
