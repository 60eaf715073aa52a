package io.contiv.exporter.simulation.etcd;

import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@code GET /version}, etcd v2 key reads ({@code GET /v2/keys/...}) and watches ({@code ?wait=true}, streaming or not) from an
 * {@link EtcdKeySpace}. A watch answers 200 at once, as etcd does, and its events follow in the body.
 */
final class EtcdRoutes implements Responder {

    static final String KEYS_PREFIX = "/v2/keys";
    static final String VERSION_PATH = "/version";
    /** As etcd 3.4 answers {@code GET /version}. */
    private static final byte[] VERSION = "{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** etcd names its cluster in every keys response; this value is arbitrary but fixed. */
    static final String CLUSTER_ID = "cdf818194e3a8c32";

    private final EtcdKeySpace keys;

    EtcdRoutes(EtcdKeySpace keys) {
        this.keys = keys;
    }

    @Override
    public SimulatedResponse respond(SimulatedRequest request) {
        String path = request.path();
        if (path.equals(VERSION_PATH) && "GET".equals(request.method())) {
            // what a client asks to learn that etcd is there: its versions
            return SimulatedResponse.bytes(200, SimulatedResponse.JSON, VERSION);
        }
        if (!path.equals(KEYS_PREFIX) && !path.startsWith(KEYS_PREFIX + "/")) {
            return SimulatedResponse.text(404, "404 page not found\n");
        }
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return SimulatedResponse.text(405, "Method Not Allowed\n").withHeader("Allow", "GET, HEAD");
        }
        if (request.flag("wait")) {
            return watch(path.substring(KEYS_PREFIX.length()), request);
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

    private SimulatedResponse watch(String key, SimulatedRequest request) {
        long waitIndex;
        try {
            waitIndex = Long.parseLong(request.query().getOrDefault("waitIndex", "0"));
        } catch (NumberFormatException e) {
            return SimulatedResponse.bytes(400, SimulatedResponse.JSON, EtcdJson.error(
                    new EtcdError(209, "Invalid field", "invalid value for waitIndex", keys.index())));
        }
        boolean stream = request.flag("stream");
        EtcdWatchers.Start start = keys.watch(key, request.flag("recursive"), stream, waitIndex);
        if (start instanceof EtcdWatchers.Refused refused) {
            return withEtcdHeaders(SimulatedResponse.bytes(refused.error().httpStatus(), SimulatedResponse.JSON,
                    EtcdJson.error(refused.error())), start.storeIndex());
        }
        if (start instanceof EtcdWatchers.FromHistory history) {
            return withEtcdHeaders(SimulatedResponse.endless(200, SimulatedResponse.JSON, out -> {
                EtcdJson.writeEvent(history.event(), out);
                out.flush();
                if (stream) {
                    // etcd sends nothing more on a stream that began in its history
                    waitForever();
                }
            }), start.storeIndex());
        }
        EtcdWatchers.Watcher watcher = ((EtcdWatchers.Waiting) start).watcher();
        return withEtcdHeaders(SimulatedResponse.endless(200, SimulatedResponse.JSON, out -> {
            try {
                while (true) {
                    EtcdEvent event = watcher.events.poll(1, TimeUnit.SECONDS);
                    if (event == null) {
                        if (watcher.dropped) {
                            return;
                        }
                        continue;
                    }
                    EtcdJson.writeEvent(event, out);
                    out.flush();
                    if (!stream) {
                        return;
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                keys.stopWatching(watcher);
            }
        }), start.storeIndex());
    }

    private static void waitForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    static SimulatedResponse withEtcdHeaders(SimulatedResponse response, long index) {
        return response.withHeader("X-Etcd-Cluster-Id", CLUSTER_ID).withHeader("X-Etcd-Index", Long.toString(index));
    }
}
