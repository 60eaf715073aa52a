package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Constants of the exporter's OVSDB use, and the decoding of a {@code transact}/{@code select} on Interface. */
public final class OvsdbClient {

    public static final String DATABASE = "Open_vSwitch";
    /**
     * The largest OVSDB message read. A row of the Interface table with the columns asked for is under 1 KiB, so
     * this is tens of thousands of interfaces; larger, a message and its parse would not fit the heap the exporter
     * is given (half of a 256 MiB container limit), and a bad server could make it exit on OutOfMemoryError.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private OvsdbClient() {
    }

    /** Decodes the result array of a transact whose only operation is a select on {@code Interface}. */
    public static List<OvsInterface> decodeSelect(JsonNode result) throws OvsdbException {
        if (result == null || !result.isArray() || result.isEmpty()) {
            throw new OvsdbException("transact result is not a non-empty array: " + OvsdbValues.abbreviate(result));
        }
        JsonNode first = result.get(0);
        JsonNode error = first.get("error");
        if (error != null && !error.isNull()) {
            throw new OvsdbException("select on Interface failed: " + error.asText()
                    + (first.has("details") ? " (" + first.get("details").asText() + ")" : ""));
        }
        JsonNode rows = first.get("rows");
        if (rows == null || !rows.isArray()) {
            throw new OvsdbException("select result has no rows array: " + OvsdbValues.abbreviate(first));
        }
        List<OvsInterface> interfaces = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            interfaces.add(InterfaceRowDecoder.decode(row));
        }
        return interfaces;
    }
}
