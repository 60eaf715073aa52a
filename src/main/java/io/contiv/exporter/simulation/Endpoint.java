package io.contiv.exporter.simulation;

import java.util.Optional;

/**
 * One container's endpoint.
 *
 * @param endpointID    64 hex digits; also the {@code endpoint-id} in the OVS interface's external_ids
 * @param ipAddress     IPv4 address from the network's subnet
 * @param interfaceName the OVS interface netplugin creates for it, {@code vvport<N>}, unique on its node.
 *                      netmaster does not know it (its {@code intfName} is empty), only OVS does
 * @param group         the endpoint group, absent for endpoints in no group
 */
public record Endpoint(String endpointID, String containerID, String containerName, String tenantName,
                       String networkName, String homingHost, String ipAddress, String macAddress,
                       String vtepIP, String interfaceName, Optional<SimulatedEndpointGroup> group) {

    public String networkKey() {
        return tenantName + ":" + networkName;
    }

    /** Contiv's network ID {@code network.tenant}. */
    public String networkId() {
        return networkName + "." + tenantName;
    }

    /** netmaster's endpoint key and etcd state ID: {@code network.tenant-<first 12 hex of endpointID>}. */
    public String key() {
        return networkId() + "-" + endpointID.substring(0, 12);
    }
}
