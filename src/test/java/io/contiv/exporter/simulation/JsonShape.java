package io.contiv.exporter.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural differences between two JSON trees: node types, and the field names of every object in
 * order, level by level. Values are not compared.
 */
public final class JsonShape {

    private JsonShape() {
    }

    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        return differences;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.getNodeType() != actual.getNodeType()) {
            differences.add(path + ": " + expected.getNodeType() + " expected, was " + actual.getNodeType());
            return;
        }
        if (expected.isObject()) {
            List<String> expectedFields = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedFields::add);
            List<String> actualFields = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualFields::add);
            if (!expectedFields.equals(actualFields)) {
                differences.add(path + ": fields " + expectedFields + " expected, were " + actualFields);
                return;
            }
            for (String field : expectedFields) {
                compare(path + "." + field, expected.get(field), actual.get(field), differences);
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + expected.size() + " elements expected, were " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        }
    }
}
