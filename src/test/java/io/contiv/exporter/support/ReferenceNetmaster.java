package io.contiv.exporter.support;

import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import java.util.Map;

/** A netmaster stand-in that serves the reference payloads byte for byte. */
public final class ReferenceNetmaster {

    private ReferenceNetmaster() {
    }

    public static Map<String, byte[]> bodies() {
        return Map.of(
                "/api/v1/networks/", Resources.bytes(ReferenceData.NETWORKS),
                "/api/v1/tenants/", Resources.bytes(ReferenceData.TENANTS),
                "/api/v1/endpointGroups/", Resources.bytes(ReferenceData.GROUPS),
                "/api/v1/inspect/networks/default:net0-0/", Resources.bytes(ReferenceData.INSPECT_DEFAULT),
                "/api/v1/inspect/networks/tenant1:net1-0/", Resources.bytes(ReferenceData.INSPECT_TENANT1));
    }

    public static NetmasterStandIn start() {
        NetmasterStandIn standIn = NetmasterStandIn.servingFixedBodies(bodies());
        standIn.start();
        return standIn;
    }
}
