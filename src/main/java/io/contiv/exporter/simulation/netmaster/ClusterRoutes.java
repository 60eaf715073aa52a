package io.contiv.exporter.simulation.netmaster;

import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.SimulatedNetwork;
import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.util.Optional;

/** Answers the netmaster URLs from a {@link SimulatedCluster}. */
final class ClusterRoutes implements Responder {

    private final SimulatedCluster cluster;
    private final NetmasterBodies json;

    ClusterRoutes(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.json = new NetmasterBodies(cluster);
    }

    @Override
    public SimulatedResponse respond(SimulatedRequest request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return SimulatedResponse.text(405, "405 method not allowed\n");
        }
        String path = NetmasterPaths.canonical(request.path());
        switch (path) {
            case NetmasterPaths.NETWORKS:
                return SimulatedResponse.streaming(200, SimulatedResponse.JSON, json::writeNetworks);
            case NetmasterPaths.TENANTS:
                return SimulatedResponse.streaming(200, SimulatedResponse.JSON, json::writeTenants);
            case NetmasterPaths.ENDPOINT_GROUPS:
                return SimulatedResponse.streaming(200, SimulatedResponse.JSON, json::writeEndpointGroups);
            default:
                return inspect(path);
        }
    }

    private SimulatedResponse inspect(String path) {
        Optional<String> endpointKey = NetmasterPaths.inspectedEndpoint(path);
        if (endpointKey.isPresent()) {
            return inspectEndpoint(endpointKey.get());
        }
        Optional<String> key = NetmasterPaths.inspectedNetwork(path);
        if (key.isEmpty()) {
            return NetmasterStandIn.pageNotFound();
        }
        Optional<SimulatedNetwork> network = cluster.network(key.get());
        if (network.isEmpty()) {
            return NetmasterStandIn.networkNotFound(key.get());
        }
        return SimulatedResponse.streaming(200, SimulatedResponse.JSON, out -> json.writeInspect(network.get(), out));
    }

    /**
     * As netmaster's {@code EndpointGetOper}: the first endpoint whose endpoint ID, container ID or container name
     * contains the key, or HTTP 500 with Go's {@code http.Error} text when none does.
     */
    private SimulatedResponse inspectEndpoint(String key) {
        Optional<Endpoint> endpoint = cluster.findEndpoint(key);
        if (endpoint.isEmpty()) {
            return SimulatedResponse.text(500, "endpoint not found\n").withHeader("X-Content-Type-Options", "nosniff");
        }
        return SimulatedResponse.bytes(200, SimulatedResponse.JSON, json.endpointInspect(key, endpoint.get()));
    }
}
