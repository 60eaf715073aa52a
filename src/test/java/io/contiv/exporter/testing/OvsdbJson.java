package io.contiv.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collection;
import java.util.Map;

/** Encodes Java values as RFC 7047 OVSDB JSON values ("map", "set", "named-uuid" notations). */
public final class OvsdbJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OvsdbJson() {
    }

    /**
     * String, Long/Integer, Boolean become atoms; Map a "map"; Collection a "set"; null the empty set,
     * which clears an optional column.
     */
    public static JsonNode value(Object value) {
        if (value == null) {
            return set(java.util.List.of());
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            return map(map);
        }
        if (value instanceof Collection<?> collection) {
            return set(collection);
        }
        return atom(value);
    }

    public static ArrayNode map(Map<?, ?> entries) {
        ArrayNode pairs = NODES.arrayNode();
        entries.forEach((key, value) -> pairs.add(NODES.arrayNode().add(atom(key)).add(atom(value))));
        return NODES.arrayNode().add("map").add(pairs);
    }

    public static ArrayNode set(Collection<?> elements) {
        ArrayNode atoms = NODES.arrayNode();
        elements.forEach(element -> atoms.add(element instanceof JsonNode node ? node : atom(element)));
        return NODES.arrayNode().add("set").add(atoms);
    }

    public static ArrayNode namedUuid(String name) {
        return NODES.arrayNode().add("named-uuid").add(name);
    }

    public static ArrayNode condition(String column, String function, Object value) {
        return NODES.arrayNode().add(column).add(function).add(atom(value));
    }

    private static JsonNode atom(Object value) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        throw new IllegalArgumentException("not an OVSDB atom: " + value + " (" + value.getClass() + ")");
    }
}
