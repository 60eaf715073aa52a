package io.contiv.exporter.tunnel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.KeptConnection;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.ovsdb.OvsdbConnection;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.contiv.exporter.ovsdb.OvsdbValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads this node's tunnels and uplinks from OVSDB with one {@code transact} of selects (and one more for the members
 * of an uplink bond): only those few rows, whatever the number of endpoints. The connection is kept between reads
 * and opened again after a failure.
 */
public final class HostLinkReader implements AutoCloseable {

    /** Tunnel interface types; Contiv creates {@code vxlan} ones. */
    static final List<String> TUNNEL_TYPES = List.of("vxlan", "geneve", "gre", "stt");
    /** netplugin's name for the uplink: the single uplink's endpoint-id, or the bond port's name. */
    static final String UPLINK = "uplinkPort";
    private static final List<String> COLUMNS =
            List.of("_uuid", "name", "type", "options", "statistics", "link_state", "status");

    private final OvsdbAddress address;
    private final Duration timeout;
    private final int maxMessageBytes;
    private final KeptConnection<OvsdbConnection> connection = new KeptConnection<>();

    public HostLinkReader(OvsdbAddress address, Duration timeout, int maxMessageBytes) {
        this.address = address;
        this.timeout = timeout;
        this.maxMessageBytes = maxMessageBytes;
    }

    public synchronized List<HostLink> read() throws OvsdbException {
        try {
            return readLinks(connected());
        } catch (OvsdbException e) {
            connection.drop();
            throw e;
        }
    }

    private List<HostLink> readLinks(OvsdbConnection conn) throws OvsdbException {
        ArrayNode params = conn.mapper().createArrayNode().add(OvsdbConnection.DATABASE);
        for (String type : TUNNEL_TYPES) {
            select(params, "Interface", COLUMNS).add(condition(conn, "type", "==", conn.mapper().valueToTree(type)));
        }
        ArrayNode uplinkId = conn.mapper().createArrayNode().add("map");
        uplinkId.addArray().addArray().add("endpoint-id").add(UPLINK);
        select(params, "Interface", COLUMNS).add(condition(conn, "external_ids", "includes", uplinkId));
        select(params, "Port", List.of("name", "interfaces"))
                .add(condition(conn, "name", "==", conn.mapper().valueToTree(UPLINK)));
        JsonNode results = conn.call("transact", params, timeout);
        List<HostLink> links = new ArrayList<>();
        for (int i = 0; i < TUNNEL_TYPES.size(); i++) {
            for (JsonNode row : rows(results, i)) {
                links.add(link(HostLink.Kind.TUNNEL, row, null));
            }
        }
        for (JsonNode row : rows(results, TUNNEL_TYPES.size())) {
            links.add(link(HostLink.Kind.UPLINK, row, null));
        }
        for (JsonNode bond : rows(results, TUNNEL_TYPES.size() + 1)) {
            links.addAll(bondMembers(conn, bond));
        }
        links.sort(Comparator.comparing(HostLink::kind).thenComparing(HostLink::name));
        return links;
    }

    private List<HostLink> bondMembers(OvsdbConnection conn, JsonNode bond) throws OvsdbException {
        List<String> members = uuids(bond.get("interfaces"));
        if (members.isEmpty()) {
            return List.of();
        }
        ArrayNode params = conn.mapper().createArrayNode().add(OvsdbConnection.DATABASE);
        for (String member : members) {
            ArrayNode uuid = conn.mapper().createArrayNode().add("uuid").add(member);
            select(params, "Interface", COLUMNS).add(condition(conn, "_uuid", "==", uuid));
        }
        JsonNode results = conn.call("transact", params, timeout);
        String port = OvsdbValues.string(bond.get("name"), "name");
        List<HostLink> links = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            for (JsonNode row : rows(results, i)) {
                links.add(link(HostLink.Kind.UPLINK, row, port));
            }
        }
        return links;
    }

    private static HostLink link(HostLink.Kind kind, JsonNode row, String bondPort) throws OvsdbException {
        String name = OvsdbValues.string(row.get("name"), "name");
        Map<String, String> options = OvsdbValues.stringMap(row.get("options"), "options");
        Map<String, String> status = OvsdbValues.stringMap(row.get("status"), "status");
        boolean linkUp = OvsdbValues.optionalString(row.get("link_state"), "link_state").filter("up"::equals)
                .isPresent();
        boolean up = kind == HostLink.Kind.TUNNEL
                ? linkUp && "up".equals(status.get("tunnel_egress_iface_carrier"))
                : linkUp;
        return new HostLink(kind, name, bondPort != null ? bondPort : name,
                kind == HostLink.Kind.TUNNEL ? options.getOrDefault("remote_ip", "") : "",
                OvsdbValues.integerMap(row.get("statistics"), "statistics"), up);
    }

    /** A column holding a set of UUIDs: one {@code ["uuid", X]}, or {@code ["set", [["uuid", X], ...]]}. */
    private static List<String> uuids(JsonNode value) throws OvsdbException {
        if (value != null && value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())
                && value.get(1).isArray()) {
            List<String> uuids = new ArrayList<>();
            for (JsonNode atom : value.get(1)) {
                uuids.add(OvsdbValues.uuid(atom, "interfaces"));
            }
            return uuids;
        }
        return List.of(OvsdbValues.uuid(value, "interfaces"));
    }

    /** Adds a select of the table's columns and returns its (still empty) where clause. */
    private static ArrayNode select(ArrayNode params, String table, List<String> columns) {
        ObjectNode op = params.addObject();
        op.put("op", "select");
        op.put("table", table);
        ArrayNode where = op.putArray("where");
        ArrayNode selected = op.putArray("columns");
        columns.forEach(selected::add);
        return where;
    }

    private static ArrayNode condition(OvsdbConnection conn, String column, String function, JsonNode value) {
        return conn.mapper().createArrayNode().add(column).add(function).add(value);
    }

    private static JsonNode rows(JsonNode results, int operation) throws OvsdbException {
        JsonNode result = results == null ? null : results.get(operation);
        if (result == null || !result.isObject()) {
            throw new OvsdbException("OVSDB answered the select of tunnels and uplinks with " + results);
        }
        if (result.has("error")) {
            throw new OvsdbException("OVSDB refused the select of tunnels and uplinks: " + result.get("error")
                    + " " + result.path("details").asText());
        }
        JsonNode rows = result.get("rows");
        if (rows == null || !rows.isArray()) {
            throw new OvsdbException("OVSDB answered a select without rows: " + result);
        }
        return rows;
    }

    /** The kept connection, or a new one when there is none or the server closed it since the last read. */
    private OvsdbConnection connected() throws OvsdbException {
        KeptConnection.Opener<OvsdbConnection, OvsdbException> opener = () -> OvsdbConnection.open(address, timeout,
                maxMessageBytes, new OvsdbConnection.Listener() {
                    @Override
                    public void onNotification(String method, JsonParser params) {
                        // no monitor on this connection
                    }

                    @Override
                    public void onClosed(Exception cause) {
                        // the next read opens a new connection
                    }
                });
        OvsdbConnection kept = connection.get(opener);
        if (!kept.isOpen()) {
            connection.drop();
            kept = connection.get(opener);
        }
        return kept;
    }

    @Override
    public synchronized void close() {
        connection.drop();
    }
}
