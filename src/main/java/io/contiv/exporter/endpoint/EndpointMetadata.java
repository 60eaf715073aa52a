package io.contiv.exporter.endpoint;

import java.util.List;

/** What netmaster knows about one endpoint; {@code endpointGroup} is empty when it belongs to no group. */
public record EndpointMetadata(
        String endpointId,
        String tenant,
        String network,
        String endpointGroup,
        String container,
        String containerId,
        String host,
        List<String> ipAddresses,
        String macAddress) {

    public EndpointMetadata {
        ipAddresses = List.copyOf(ipAddresses);
    }

    public boolean hasEndpointGroup() {
        return !endpointGroup.isEmpty();
    }
}
