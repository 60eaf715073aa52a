package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The shared Jackson mapper and the one serialization rule the server needs beyond plain compact JSON. */
final class OvsdbJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OvsdbJson() {
    }

    static String compact(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON with object members sorted by name, as ovsdb-server prints the "syntax" of an error. */
    static String canonical(JsonNode json) {
        return compact(sorted(json));
    }

    private static JsonNode sorted(JsonNode json) {
        if (json.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(AtomOrder.INSTANCE);
            ObjectNode copy = MAPPER.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(json.get(name)));
            }
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            json.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return json;
    }
}
