package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes RFC 7047 section 5.1 value notation: atoms, {@code ["set", [...]]} (or a bare atom for a one-element
 * set), {@code ["map", [[k, v], ...]]} and {@code ["uuid", "..."]}. Anything else is a protocol error, reported as
 * {@link OvsdbException} rather than a runtime exception so that a bad reply never escapes as a crash.
 */
public final class OvsdbValues {

    private OvsdbValues() {
    }

    public static Map<String, String> stringMap(JsonNode value, String column) throws OvsdbException {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode[] pair : mapPairs(value, column)) {
            result.put(atomAsString(pair[0], column), atomAsString(pair[1], column));
        }
        return result;
    }

    public static Map<String, Long> integerMap(JsonNode value, String column) throws OvsdbException {
        Map<String, Long> result = new LinkedHashMap<>();
        for (JsonNode[] pair : mapPairs(value, column)) {
            JsonNode v = pair[1];
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new OvsdbException("column '" + column + "': map value " + abbreviate(v) + " is not an integer");
            }
            result.put(atomAsString(pair[0], column), v.longValue());
        }
        return result;
    }

    /** A column of type {@code {"min": 0, "max": 1}}: an empty set means "no value". */
    public static Optional<String> optionalString(JsonNode value, String column) throws OvsdbException {
        List<JsonNode> atoms = setAtoms(value, column);
        return atoms.isEmpty() ? Optional.empty() : Optional.of(atomAsString(atoms.get(0), column));
    }

    public static Optional<Long> optionalInteger(JsonNode value, String column) throws OvsdbException {
        List<JsonNode> atoms = setAtoms(value, column);
        if (atoms.isEmpty()) {
            return Optional.empty();
        }
        JsonNode atom = atoms.get(0);
        if (!atom.isIntegralNumber() || !atom.canConvertToLong()) {
            throw new OvsdbException("column '" + column + "': " + abbreviate(atom) + " is not an integer");
        }
        return Optional.of(atom.longValue());
    }

    public static String string(JsonNode value, String column) throws OvsdbException {
        return atomAsString(value, column);
    }

    public static String uuid(JsonNode value, String column) throws OvsdbException {
        if (value != null && value.isArray() && value.size() == 2 && "uuid".equals(value.get(0).asText())
                && value.get(1).isTextual()) {
            return value.get(1).textValue();
        }
        throw new OvsdbException("column '" + column + "': " + abbreviate(value) + " is not a uuid");
    }

    private static List<JsonNode[]> mapPairs(JsonNode value, String column) throws OvsdbException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Collections.emptyList();
        }
        if (!value.isArray() || value.size() != 2 || !"map".equals(value.get(0).asText()) || !value.get(1).isArray()) {
            throw new OvsdbException("column '" + column + "': expected [\"map\", [...]] but got " + abbreviate(value));
        }
        List<JsonNode[]> pairs = new ArrayList<>(value.get(1).size());
        for (JsonNode pair : value.get(1)) {
            if (!pair.isArray() || pair.size() != 2) {
                throw new OvsdbException("column '" + column + "': map entry " + abbreviate(pair) + " is not a pair");
            }
            pairs.add(new JsonNode[] {pair.get(0), pair.get(1)});
        }
        return pairs;
    }

    private static List<JsonNode> setAtoms(JsonNode value, String column) throws OvsdbException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Collections.emptyList();
        }
        if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())) {
            if (!value.get(1).isArray()) {
                throw new OvsdbException("column '" + column + "': malformed set " + abbreviate(value));
            }
            List<JsonNode> atoms = new ArrayList<>();
            value.get(1).forEach(atoms::add);
            return atoms;
        }
        return List.of(value);
    }

    private static String atomAsString(JsonNode atom, String column) throws OvsdbException {
        if (atom == null) {
            throw new OvsdbException("column '" + column + "': missing value");
        }
        if (atom.isTextual()) {
            return atom.textValue();
        }
        if (atom.isNumber() || atom.isBoolean()) {
            return atom.asText();
        }
        if (atom.isArray() && atom.size() == 2 && atom.get(1).isTextual()
                && ("uuid".equals(atom.get(0).asText()) || "named-uuid".equals(atom.get(0).asText()))) {
            return atom.get(1).textValue();
        }
        throw new OvsdbException("column '" + column + "': " + abbreviate(atom) + " is not an atom");
    }

    static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
