package io.contiv.exporter.simulation.ovsdb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lays the simulated switch out as OVSDB rows the way ovs-vsctl and ovs-vswitchd would: one Open_vSwitch row,
 * one Bridge holding one Port per Interface (named alike), every other column at its default.
 * Rows come without {@code _version}; the database stamps versions when content changes.
 */
final class SwitchRowLayout {
    private final OvsdbSchema schema;
    private final DeterministicUuids uuids;
    private final String bridgeName;

    SwitchRowLayout(OvsdbSchema schema, DeterministicUuids uuids, String bridgeName) {
        this.schema = schema;
        this.uuids = uuids;
        this.bridgeName = bridgeName;
    }

    /** An interface as placed in the database: which incarnation of its name, and since when it exists. */
    record PlacedInterface(SimulatedInterface iface, long incarnation, long addedAtTick) {
    }

    Map<String, Map<UUID, Map<String, Datum>>> layout(List<PlacedInterface> interfaces, long nowTicks,
                                                      long secondsPerTick) {
        Map<UUID, Map<String, Datum>> interfaceRows = new LinkedHashMap<>();
        Map<UUID, Map<String, Datum>> portRows = new LinkedHashMap<>();
        for (PlacedInterface placed : interfaces) {
            SimulatedInterface iface = placed.iface();
            String key = iface.name() + "#" + placed.incarnation();
            UUID interfaceUuid = uuids.rowUuid("Interface", key);
            interfaceRows.put(interfaceUuid, interfaceRow(interfaceUuid, iface,
                    nowTicks - placed.addedAtTick(), secondsPerTick));
            UUID portUuid = uuids.rowUuid("Port", key);
            Map<String, Datum> port = schema.requireTable("Port").defaultRow(portUuid);
            port.put("name", Datum.atom(iface.name()));
            port.put("interfaces", Datum.atom(interfaceUuid));
            portRows.put(portUuid, port);
        }
        UUID bridgeUuid = uuids.rowUuid("Bridge", bridgeName);
        Map<String, Datum> bridge = schema.requireTable("Bridge").defaultRow(bridgeUuid);
        bridge.put("name", Datum.atom(bridgeName));
        bridge.put("ports", Datum.set(new ArrayList<>(portRows.keySet())));

        UUID rootUuid = uuids.rowUuid("Open_vSwitch", "");
        Map<String, Datum> root = schema.requireTable("Open_vSwitch").defaultRow(rootUuid);
        root.put("bridges", Datum.atom(bridgeUuid));
        root.put("ovs_version", Datum.atom("3.1.0"));
        root.put("db_version", Datum.atom(schema.json().get("version").asText()));

        Map<String, Map<UUID, Map<String, Datum>>> tables = new LinkedHashMap<>();
        tables.put("Open_vSwitch", Map.of(rootUuid, root));
        tables.put("Bridge", Map.of(bridgeUuid, bridge));
        tables.put("Port", portRows);
        tables.put("Interface", interfaceRows);
        return tables;
    }

    private Map<String, Datum> interfaceRow(UUID uuid, SimulatedInterface iface, long elapsedTicks,
                                            long secondsPerTick) {
        Map<String, Datum> row = schema.requireTable("Interface").defaultRow(uuid);
        row.put("name", Datum.atom(iface.name()));
        row.put("type", Datum.atom(iface.type()));
        row.put("external_ids", Datum.map(iface.externalIds()));
        row.put("statistics", Datum.map(iface.statisticsAt(elapsedTicks, secondsPerTick)));
        row.put("admin_state", Datum.optional(iface.adminState()));
        row.put("link_state", Datum.optional(iface.linkState()));
        row.put("mtu", Datum.optional(iface.mtu()));
        row.put("link_resets", Datum.optional(iface.linkResets()));
        row.put("ofport", Datum.optional(iface.ofport()));
        row.put("options", Datum.map(iface.options()));
        row.put("status", Datum.map(iface.status()));
        return row;
    }
}
