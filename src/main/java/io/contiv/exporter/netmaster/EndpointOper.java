package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One endpoint of a network's operational state, as netmaster's inspect reports it. */
public record EndpointOper(
        String key,
        @JsonProperty("endpointID") String endpointId,
        @JsonProperty("containerID") String containerId,
        String containerName,
        String homingHost,
        String intfName,
        List<String> ipAddress,
        String macAddress,
        String network,
        String serviceName,
        String endpointGroupKey,
        Long endpointGroupId,
        String vtepIP) {

    public EndpointOper {
        ipAddress = ipAddress == null ? List.of() : ipAddress.stream().filter(a -> a != null).toList();
    }
}
