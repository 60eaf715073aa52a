package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code Interface} table with one RFC 7047 {@code transact}/{@code select}, keeping a single connection
 * open between reads and opening a new one when the last one failed.
 */
public final class OvsdbClient implements InterfaceSource, AutoCloseable {

    public static final String DATABASE = "Open_vSwitch";
    /**
     * The largest OVSDB message read. A row of the Interface table with the columns asked for is under 1 KiB, so
     * this is tens of thousands of interfaces; larger, a message and its parse would not fit the heap the exporter
     * is given (half of a 256 MiB container limit), and a bad server could make it exit on OutOfMemoryError.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final OvsdbAddress address;
    private final Duration timeout;
    private final int maxMessageBytes;
    private OvsdbConnection connection;

    public OvsdbClient(OvsdbAddress address, Duration timeout, int maxMessageBytes) {
        this.address = address;
        this.timeout = timeout;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public synchronized List<OvsInterface> interfaces() throws OvsdbException {
        OvsdbConnection conn = connection();
        ArrayNode params = conn.mapper().createArrayNode();
        params.add(DATABASE);
        ObjectNode select = params.addObject();
        select.put("op", "select");
        select.put("table", "Interface");
        select.putArray("where");
        ArrayNode columns = select.putArray("columns");
        InterfaceRowDecoder.COLUMNS.forEach(columns::add);
        try {
            return decodeSelect(conn.call("transact", params, timeout));
        } catch (OvsdbException e) {
            conn.close();
            throw e;
        }
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

    private OvsdbConnection connection() throws OvsdbException {
        if (connection == null || !connection.isOpen()) {
            connection = OvsdbConnection.open(address, timeout, maxMessageBytes, OvsdbConnection.NO_LISTENER);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
