package io.contiv.exporter.endpoint;

import java.util.List;

/**
 * What netmaster knows about one endpoint; {@code endpointGroup} is empty when it belongs to no group, and
 * {@code endpointGroupId} (netmaster's numeric ID of the group, as policy flows match it) 0 then or when unknown.
 */
public record EndpointMetadata(
        String endpointId,
        String tenant,
        String network,
        String endpointGroup,
        String container,
        String containerId,
        String host,
        List<String> ipAddresses,
        String macAddress,
        long endpointGroupId) {

    public EndpointMetadata {
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** An endpoint whose group's numeric ID is not known. */
    public EndpointMetadata(String endpointId, String tenant, String network, String endpointGroup, String container,
                            String containerId, String host, List<String> ipAddresses, String macAddress) {
        this(endpointId, tenant, network, endpointGroup, container, containerId, host, ipAddresses, macAddress, 0);
    }

    public boolean hasEndpointGroup() {
        return !endpointGroup.isEmpty();
    }
}
