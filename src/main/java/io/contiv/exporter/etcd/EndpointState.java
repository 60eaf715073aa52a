package io.contiv.exporter.etcd;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * One endpoint as netmaster stores it under {@code /contiv.io/state/eps/<id>}; {@code netID} is
 * {@code network.tenant} and {@code epCommonName} the container name netmaster reports elsewhere.
 */
public record EndpointState(
        String id,
        @JsonProperty("netID") String netId,
        @JsonProperty("endpointID") String endpointId,
        String serviceName,
        long endpointGroupId,
        String ipAddress,
        String ipv6Address,
        String macAddress,
        String homingHost,
        @JsonProperty("containerId") String containerId,
        String epCommonName) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Parses one stored value; a value that is not an endpoint is reported, not thrown. */
    public static Optional<EndpointState> parse(String json) {
        try {
            EndpointState state = MAPPER.readValue(json, EndpointState.class);
            return state == null || state.endpointId() == null || state.endpointId().isEmpty()
                    ? Optional.empty() : Optional.of(state);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The network half of {@code netID}; tenant names hold no dot, network names may. */
    public String network() {
        if (netId == null) {
            return "";
        }
        int dot = netId.lastIndexOf('.');
        return dot < 0 ? netId : netId.substring(0, dot);
    }

    public String tenant() {
        if (netId == null) {
            return "";
        }
        int dot = netId.lastIndexOf('.');
        return dot < 0 ? "" : netId.substring(dot + 1);
    }
}
