package io.contiv.exporter.simulation.netmaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Answers with fixed bodies per path, byte for byte (e.g. the reference payloads), and endpoint inspects as
 * netmaster would answer them from the endpoints those network inspects list.
 */
final class FixedBodyRoutes implements Responder {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** EndpointOper's fields in the order Go writes them. */
    private static final List<String> OPER_FIELDS = List.of("containerID", "containerName", "endpointGroupId",
            "endpointGroupKey", "endpointID", "homingHost", "intfName", "ipAddress", "labels", "macAddress", "network",
            "serviceName", "virtualPort", "vtepIP");

    private final Map<String, byte[]> bodies;

    /** @param bodies body per path; paths may be URL-encoded or not, with or without the final slash */
    FixedBodyRoutes(Map<String, byte[]> bodies) {
        Map<String, byte[]> canonical = new HashMap<>();
        bodies.forEach((path, body) -> canonical.put(NetmasterPaths.canonical(path), body.clone()));
        this.bodies = Map.copyOf(canonical);
    }

    @Override
    public SimulatedResponse respond(SimulatedRequest request) {
        String path = NetmasterPaths.canonical(request.path());
        byte[] body = bodies.get(path);
        if (body != null) {
            return SimulatedResponse.bytes(200, SimulatedResponse.JSON, body);
        }
        Optional<String> endpoint = NetmasterPaths.inspectedEndpoint(path);
        if (endpoint.isPresent()) {
            return inspectEndpoint(endpoint.get());
        }
        return NetmasterPaths.inspectedNetwork(path)
                .map(NetmasterStandIn::networkNotFound)
                .orElseGet(NetmasterStandIn::pageNotFound);
    }

    private SimulatedResponse inspectEndpoint(String key) {
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            if (!body.getKey().startsWith(NetmasterPaths.INSPECT_NETWORKS)) {
                continue;
            }
            JsonNode inspect;
            try {
                inspect = MAPPER.readTree(body.getValue());
            } catch (IOException notJson) {
                continue;
            }
            JsonNode endpoints = inspect.path("Oper").path("endpoints");
            // netmaster's state always has the network ID; a hand-written inspect may leave it to its Config
            String networkId = inspect.path("Config").path("networkName").asText("") + "."
                    + inspect.path("Config").path("tenantName").asText("");
            for (JsonNode listed : endpoints) {
                if (Stream.of("endpointID", "containerID", "containerName")
                        .anyMatch(field -> listed.path(field).asText("").contains(key))) {
                    ObjectNode oper = MAPPER.createObjectNode().put("key", key);
                    OPER_FIELDS.stream().filter(listed::has).forEach(field -> oper.set(field, listed.get(field)));
                    if (!listed.has("network")) {
                        oper.put("network", networkId);
                    }
                    ObjectNode answer = MAPPER.createObjectNode();
                    answer.set("Oper", oper);
                    return SimulatedResponse.bytes(200, SimulatedResponse.JSON,
                            (answer + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return SimulatedResponse.text(500, "endpoint not found\n").withHeader("X-Content-Type-Options", "nosniff");
    }
}
