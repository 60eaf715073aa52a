package io.contiv.exporter.simulation.ovsdb;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the simulated Interface table: what netplugin configures plus the state ovs-vswitchd reports.
 * Statistics are not stored: they follow from {@link #traffic} and the ticks since the interface appeared.
 *
 * @param adminState "up", "down" or null (column empty)
 * @param linkState  "up", "down" or null
 * @param mtu        null when unknown (column empty)
 * @param linkResets null when unknown
 * @param ofport     the OpenFlow port number, null before ovs-vswitchd assigns one
 * @param type       "" (a system device), "internal", "vxlan", ...
 * @param options    the options column (a tunnel's remote_ip)
 * @param status     the status column ovs-vswitchd fills (a tunnel's egress interface and its carrier)
 */
public record SimulatedInterface(String name, Map<String, String> externalIds, String adminState, String linkState,
                                 Long mtu, Long linkResets, Long ofport, String type, Map<String, String> options,
                                 Map<String, String> status, TrafficProfile traffic) {
    /** Key under which netplugin stores the Contiv endpoint ID in external_ids. */
    public static final String ENDPOINT_ID = "endpoint-id";
    /** OFPP_LOCAL: the ofport of a bridge's own internal interface. */
    public static final long LOCAL_OFPORT = 65534;

    public SimulatedInterface {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(traffic, "traffic");
        externalIds = Map.copyOf(externalIds);
        options = Map.copyOf(options);
        status = Map.copyOf(status);
        requireUpOrDown(adminState, "adminState");
        requireUpOrDown(linkState, "linkState");
    }

    /** A container endpoint as netplugin creates it: internal port, endpoint-id, up, MTU 1500, seeded traffic. */
    public static SimulatedInterface endpoint(String name, String endpointId, long ofport, long seed) {
        return new SimulatedInterface(name, Map.of(ENDPOINT_ID, endpointId), "up", "up", 1500L, 0L, ofport,
                "internal", Map.of(), Map.of(), TrafficProfile.random(seed, name));
    }

    /** The interface named after a bridge, which ovs-vsctl add-br creates; it has no endpoint-id. */
    public static SimulatedInterface bridgeInternal(String bridgeName, long seed) {
        return new SimulatedInterface(bridgeName, Map.of(), "up", "up", 1500L, 0L, LOCAL_OFPORT, "internal",
                Map.of(), Map.of(), TrafficProfile.random(seed, bridgeName));
    }

    /**
     * A VXLAN tunnel as netplugin creates it ({@code vxif<remote IP without dots>}, {@code options:remote_ip},
     * {@code options:key=flow}), with the status ovs-vswitchd reports while it has a route to the remote VTEP.
     */
    public static SimulatedInterface tunnel(String remoteIp, long ofport, long seed) {
        String name = "vxif" + remoteIp.replace(".", "");
        return new SimulatedInterface(name, Map.of(), "up", "up", null, 0L, ofport, "vxlan",
                Map.of("remote_ip", remoteIp, "key", "flow"),
                Map.of("tunnel_egress_iface", "eth1", "tunnel_egress_iface_carrier", "up"),
                TrafficProfile.random(seed, name));
    }

    public Map<String, Long> statisticsAt(long elapsedTicks, long secondsPerTick) {
        return traffic.statisticsAt(elapsedTicks, secondsPerTick);
    }

    public String endpointId() {
        return externalIds.get(ENDPOINT_ID);
    }

    public SimulatedInterface withExternalIds(Map<String, String> newExternalIds) {
        return new SimulatedInterface(name, newExternalIds, adminState, linkState, mtu, linkResets, ofport, type,
                options, status, traffic);
    }

    public SimulatedInterface withExternalId(String key, String value) {
        Map<String, String> ids = new TreeMap<>(externalIds);
        ids.put(key, value);
        return withExternalIds(ids);
    }

    public SimulatedInterface withAdminState(String newAdminState) {
        return new SimulatedInterface(name, externalIds, newAdminState, linkState, mtu, linkResets, ofport, type,
                options, status, traffic);
    }

    public SimulatedInterface withLinkState(String newLinkState) {
        return new SimulatedInterface(name, externalIds, adminState, newLinkState, mtu, linkResets, ofport, type,
                options, status, traffic);
    }

    public SimulatedInterface withMtu(Long newMtu) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, newMtu, linkResets, ofport, type,
                options, status, traffic);
    }

    public SimulatedInterface withLinkResets(Long newLinkResets) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, mtu, newLinkResets, ofport, type,
                options, status, traffic);
    }

    public SimulatedInterface withOfport(Long newOfport) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, mtu, linkResets, newOfport, type,
                options, status, traffic);
    }

    public SimulatedInterface withType(String newType) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, mtu, linkResets, ofport, newType,
                options, status, traffic);
    }

    public SimulatedInterface withStatus(Map<String, String> newStatus) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, mtu, linkResets, ofport, type, options,
                newStatus, traffic);
    }

    public SimulatedInterface withTraffic(TrafficProfile newTraffic) {
        return new SimulatedInterface(name, externalIds, adminState, linkState, mtu, linkResets, ofport, type,
                options, status, newTraffic);
    }

    private static void requireUpOrDown(String state, String what) {
        if (state != null && !state.equals("up") && !state.equals("down")) {
            throw new IllegalArgumentException(what + " must be \"up\", \"down\" or null, not " + state);
        }
    }
}
