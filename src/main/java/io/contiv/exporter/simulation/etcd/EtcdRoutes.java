package io.contiv.exporter.simulation.etcd;

import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;

/** Answers etcd v2 key reads ({@code GET /v2/keys/...}) from an {@link EtcdKeySpace}. */
final class EtcdRoutes implements Responder {

    static final String KEYS_PREFIX = "/v2/keys";
    /** etcd names its cluster in every keys response; this value is arbitrary but fixed. */
    static final String CLUSTER_ID = "cdf818194e3a8c32";

    private final EtcdKeySpace keys;

    EtcdRoutes(EtcdKeySpace keys) {
        this.keys = keys;
    }

    @Override
    public SimulatedResponse respond(SimulatedRequest request) {
        String path = request.path();
        if (!path.equals(KEYS_PREFIX) && !path.startsWith(KEYS_PREFIX + "/")) {
            return SimulatedResponse.text(404, "404 page not found\n");
        }
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return SimulatedResponse.text(405, "Method Not Allowed\n").withHeader("Allow", "GET, HEAD");
        }
        if (request.flag("wait")) {
            // watches need an event history, which this stand-in does not keep
            return SimulatedResponse.text(501, "watch is not simulated\n");
        }
        EtcdResult result = keys.get(path.substring(KEYS_PREFIX.length()), request.flag("recursive"),
                request.flag("sorted"));
        SimulatedResponse response;
        if (result instanceof EtcdResult.Found found) {
            response = SimulatedResponse.streaming(200, SimulatedResponse.JSON,
                    out -> EtcdJson.writeGet(found.node(), out));
        } else {
            EtcdError error = ((EtcdResult.Failed) result).error();
            response = SimulatedResponse.bytes(error.httpStatus(), SimulatedResponse.JSON, EtcdJson.error(error));
        }
        return withEtcdHeaders(response, result.index());
    }

    static SimulatedResponse withEtcdHeaders(SimulatedResponse response, long index) {
        return response.withHeader("X-Etcd-Cluster-Id", CLUSTER_ID).withHeader("X-Etcd-Index", Long.toString(index));
    }
}
