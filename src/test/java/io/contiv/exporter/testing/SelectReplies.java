package io.contiv.exporter.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.ovsdb.InterfaceRowReader;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the reply of a {@code transact} whose only operation is a select on {@code Interface}, as tests take rows:
 * each row through the exporter's own streaming row reader.
 */
public final class SelectReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return decodeRows(rows);
    }

    /** Decodes an array of whole rows. */
    public static List<OvsInterface> decodeRows(JsonNode rows) throws OvsdbException {
        InterfaceRowReader reader = new InterfaceRowReader();
        List<OvsInterface> interfaces = new ArrayList<>(rows.size());
        try (JsonParser parser = JSON.getFactory().createParser(JSON.writeValueAsBytes(rows))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new OvsdbException("rows are not an array: " + abbreviate(rows));
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                interfaces.add(reader.readRow(parser));
            }
        } catch (OvsdbException e) {
            throw e;
        } catch (IOException e) {
            throw new OvsdbException("rows are not JSON: " + e.getMessage(), e);
        }
        return interfaces;
    }

    private static String abbreviate(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
