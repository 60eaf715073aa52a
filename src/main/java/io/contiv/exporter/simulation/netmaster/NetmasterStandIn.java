package io.contiv.exporter.simulation.netmaster;

import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.http.FaultInjectingHandler;
import io.contiv.exporter.simulation.http.HttpFaults;
import io.contiv.exporter.simulation.http.LoopbackHttpServer;
import io.contiv.exporter.simulation.http.RequestCounter;
import io.contiv.exporter.simulation.http.Responder;
import io.contiv.exporter.simulation.http.SimulatedRequest;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A netmaster on 127.0.0.1 serving {@code /api/v1/networks/}, {@code /api/v1/inspect/networks/<key>/}
 * (key URL-encoded or not), {@code /api/v1/tenants/} and {@code /api/v1/endpointGroups/}, either from
 * a {@link SimulatedCluster} or from fixed bodies. Counts requests, and has fault switches
 * ({@link #faults()}, {@link #vanishFromInspect}, {@link #stop()}/{@link #start()}) that can be changed
 * while clients are running.
 */
public final class NetmasterStandIn implements AutoCloseable {

    private final AtomicReference<Responder> content;
    private final Set<String> vanishedNetworks = ConcurrentHashMap.newKeySet();
    private final HttpFaults faults = new HttpFaults();
    private final RequestCounter requests = new RequestCounter();
    private final LoopbackHttpServer server;

    private NetmasterStandIn(Responder initialContent) {
        this.content = new AtomicReference<>(initialContent);
        this.server = new LoopbackHttpServer("netmaster-stand-in",
                new FaultInjectingHandler(this::respond, NetmasterStandIn::internalError, faults, requests));
    }

    /** Starts serving {@code cluster} on a free port. */
    public static NetmasterStandIn serving(SimulatedCluster cluster) {
        return started(new ClusterRoutes(cluster));
    }

    /**
     * Starts serving fixed bodies on a free port.
     *
     * @param bodies body per path, e.g. {@code /api/v1/inspect/networks/default:net0-0/}; other paths get 404
     */
    public static NetmasterStandIn servingFixedBodies(Map<String, byte[]> bodies) {
        return started(new FixedBodyRoutes(bodies));
    }

    private static NetmasterStandIn started(Responder content) {
        NetmasterStandIn standIn = new NetmasterStandIn(content);
        standIn.start();
        return standIn;
    }

    /** Serves {@code cluster} from the next request on. */
    public void setCluster(SimulatedCluster cluster) {
        content.set(new ClusterRoutes(cluster));
    }

    /** Serves fixed bodies from the next request on. */
    public void setFixedBodies(Map<String, byte[]> bodies) {
        content.set(new FixedBodyRoutes(bodies));
    }

    public HttpFaults faults() {
        return faults;
    }

    /**
     * Makes inspecting {@code networkKey} ({@code tenant:network}) answer 404 while the network stays
     * listed: what a client sees when a network is deleted between its list and inspect calls.
     */
    public void vanishFromInspect(String networkKey) {
        vanishedNetworks.add(networkKey);
    }

    public void restoreInspect(String networkKey) {
        vanishedNetworks.remove(networkKey);
    }

    /** Turns every fault off: the {@link #faults()} switches and vanished networks (not a stop). */
    public void clearFaults() {
        faults.clear();
        vanishedNetworks.clear();
    }

    /** Requests received for {@code path}, decoded (e.g. {@code /api/v1/inspect/networks/default:net0-0/}). */
    public long requestCount(String path) {
        return requests.count(path);
    }

    public long totalRequests() {
        return requests.total();
    }

    /** Per-path request counts, sorted by path. */
    public Map<String, Long> requestCounts() {
        return requests.snapshot();
    }

    public void resetRequestCounts() {
        requests.reset();
    }

    /** Starts listening again, on the same port. */
    public void start() {
        server.start();
    }

    /** Stops listening: connections are refused until {@link #start()}. */
    public void stop() {
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int port() {
        return server.port();
    }

    /** {@code 127.0.0.1:port}, the form netmaster's address takes in etcd. */
    public String hostPort() {
        return server.hostPort();
    }

    public URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        server.close();
    }

    private SimulatedResponse respond(SimulatedRequest request) {
        Optional<String> inspected = NetmasterPaths.inspectedNetwork(NetmasterPaths.canonical(request.path()));
        if (inspected.isPresent() && vanishedNetworks.contains(inspected.get())) {
            return networkNotFound(inspected.get());
        }
        return content.get().respond(request);
    }

    static SimulatedResponse networkNotFound(String networkKey) {
        return SimulatedResponse.text(404, "network " + networkKey + " not found\n");
    }

    /** What Go's HTTP router answers for an unknown path. */
    static SimulatedResponse pageNotFound() {
        return SimulatedResponse.text(404, "404 page not found\n");
    }

    private static SimulatedResponse internalError() {
        return SimulatedResponse.text(500, "simulated internal server error\n");
    }
}
