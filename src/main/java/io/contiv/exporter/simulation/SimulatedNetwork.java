package io.contiv.exporter.simulation;

import java.util.List;

/** A Contiv network; {@link #key()} is netmaster's {@code tenant:network}. */
public record SimulatedNetwork(String tenantName, String networkName, NetworkType type, Encapsulation encap,
                      String subnet, String gateway, int pktTag, List<SimulatedEndpointGroup> endpointGroups) {

    public SimulatedNetwork {
        endpointGroups = List.copyOf(endpointGroups);
    }

    public String key() {
        return tenantName + ":" + networkName;
    }

    /** Contiv's network ID {@code network.tenant}, used by endpoints ({@code network}, {@code netID}). */
    public String networkId() {
        return networkName + "." + tenantName;
    }

    public boolean isInfra() {
        return type == NetworkType.INFRA;
    }
}
