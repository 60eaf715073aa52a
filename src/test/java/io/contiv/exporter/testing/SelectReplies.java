package io.contiv.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.ovsdb.InterfaceRowDecoder;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import java.util.ArrayList;
import java.util.List;

/** Reads the reply of a {@code transact} whose only operation is a select on {@code Interface}, as tests take rows. */
public final class SelectReplies {

    private SelectReplies() {
    }

    /** Decodes the result array of a transact whose only operation is a select on {@code Interface}. */
    public static List<OvsInterface> decode(JsonNode result) throws OvsdbException {
        if (result == null || !result.isArray() || result.isEmpty()) {
            throw new OvsdbException("transact result is not a non-empty array: " + abbreviate(result));
        }
        JsonNode first = result.get(0);
        JsonNode error = first.get("error");
        if (error != null && !error.isNull()) {
            throw new OvsdbException("select on Interface failed: " + error.asText()
                    + (first.has("details") ? " (" + first.get("details").asText() + ")" : ""));
        }
        JsonNode rows = first.get("rows");
        if (rows == null || !rows.isArray()) {
            throw new OvsdbException("select result has no rows array: " + abbreviate(first));
        }
        List<OvsInterface> interfaces = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            interfaces.add(InterfaceRowDecoder.decode(row, null));
        }
        return interfaces;
    }

    private static String abbreviate(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
