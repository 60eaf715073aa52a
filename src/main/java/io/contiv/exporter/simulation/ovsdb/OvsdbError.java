package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 7047 error object. Members come out in the order ovsdb-server 3.1 happens to write them
 * (syntax, details, error); "syntax" is the offending JSON and is absent for errors that are not about syntax.
 */
public record OvsdbError(String error, String details, JsonNode syntax) {

    static OvsdbError syntax(JsonNode offending, String details) {
        return new OvsdbError("syntax error", details, offending);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (syntax != null) {
            json.put("syntax", OvsdbJson.canonical(syntax));
        }
        if (details != null) {
            json.put("details", details);
        }
        json.put("error", error);
        return json;
    }
}
