package io.contiv.exporter.simulation.netmaster;

import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.util.HashMap;
import java.util.Map;

/** Answers with fixed bodies per path, byte for byte (e.g. the reference payloads). */
final class FixedBodyRoutes implements Responder {

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
        return NetmasterPaths.inspectedNetwork(path)
                .map(NetmasterStandIn::networkNotFound)
                .orElseGet(NetmasterStandIn::pageNotFound);
    }
}
