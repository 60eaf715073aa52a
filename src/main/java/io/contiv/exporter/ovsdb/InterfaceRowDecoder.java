package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Turns one JSON row of the {@code Interface} table into an {@link OvsInterface}. */
public final class InterfaceRowDecoder {

    /** The columns the exporter asks for; {@code _uuid} comes with every select that names it. */
    public static final List<String> COLUMNS = List.of(
            "_uuid", "name", "external_ids", "statistics",
            "admin_state", "link_state", "mtu", "link_resets", "ofport", "type");

    private InterfaceRowDecoder() {
    }

    /**
     * Decodes a row; its {@code _uuid} is {@code knownUuid} when known from elsewhere (monitor updates are keyed by
     * UUID), else read from the row, as a select returns it.
     */
    public static OvsInterface decode(JsonNode row, String knownUuid) throws OvsdbException {
        if (row == null || !row.isObject()) {
            throw new OvsdbException("Interface row is not a JSON object: " + OvsdbValues.abbreviate(row));
        }
        JsonNode nameNode = row.get("name");
        if (nameNode == null) {
            throw new OvsdbException("Interface row has no name: " + OvsdbValues.abbreviate(row));
        }
        String uuid = knownUuid != null ? knownUuid
                : row.has("_uuid") ? OvsdbValues.uuid(row.get("_uuid"), "_uuid") : "";
        Map<String, String> externalIds = OvsdbValues.stringMap(row.get("external_ids"), "external_ids");
        Map<String, Long> statistics = OvsdbValues.integerMap(row.get("statistics"), "statistics");
        InterfaceState state = new InterfaceState(
                OvsdbValues.optionalString(row.get("admin_state"), "admin_state"),
                OvsdbValues.optionalString(row.get("link_state"), "link_state"),
                OvsdbValues.optionalInteger(row.get("mtu"), "mtu"),
                OvsdbValues.optionalInteger(row.get("link_resets"), "link_resets"),
                OvsdbValues.optionalInteger(row.get("ofport"), "ofport"),
                row.has("type") ? OvsdbValues.string(row.get("type"), "type") : "");
        return new OvsInterface(uuid, OvsdbValues.string(nameNode, "name"), externalIds, statistics, state);
    }
}
