package io.contiv.exporter.simulation.etcd;

import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.SimulatedNetwork;
import io.contiv.exporter.simulation.http.FaultInjectingHandler;
import io.contiv.exporter.simulation.http.HttpFaults;
import io.contiv.exporter.simulation.http.LoopbackHttpServer;
import io.contiv.exporter.simulation.http.RequestCounter;
import io.contiv.exporter.simulation.http.SimulatedResponse;
import java.net.URI;

/**
 * A minimal etcd v2 keys API on 127.0.0.1 holding what the exporter reads of Contiv's state: the
 * netmaster leader lock {@value #LEADER_KEY}, one network state per data network under
 * {@value #NETWORK_STATE_DIR} and one endpoint state per endpoint of a {@link SimulatedCluster} under
 * {@value #ENDPOINT_STATE_DIR}. Answers like etcd 3.4 with {@code --enable-v2}: same bodies, indices,
 * errors and {@code X-Etcd-Index}, and watches ({@code wait=true}, streaming or not) with etcd's event
 * history of 1,000 events. Writes come from the code that runs it, not from HTTP.
 */
public final class EtcdStandIn implements AutoCloseable {

    public static final String LEADER_KEY = "/contiv.io/lock/netmaster/leader";
    public static final String ENDPOINT_STATE_DIR = "/contiv.io/state/eps";
    public static final String NETWORK_STATE_DIR = "/contiv.io/state/nets";

    private final EtcdKeySpace keys = new EtcdKeySpace();
    private final HttpFaults faults = new HttpFaults();
    private final RequestCounter requests = new RequestCounter();
    private final LoopbackHttpServer server;

    private EtcdStandIn() {
        this.server = new LoopbackHttpServer("etcd-stand-in",
                new FaultInjectingHandler(new EtcdRoutes(keys), this::raftError, faults, requests));
    }

    /** Starts an empty store on a free port, as a fresh etcd. */
    public static EtcdStandIn servingEmptyStore() {
        EtcdStandIn standIn = new EtcdStandIn();
        standIn.start();
        return standIn;
    }

    /** Starts on a free port with the leader set first, then the cluster's network and endpoint states. */
    public static EtcdStandIn serving(String leaderHostPort, SimulatedCluster cluster) {
        EtcdStandIn standIn = servingEmptyStore();
        standIn.setLeader(leaderHostPort);
        standIn.setNetworks(cluster);
        standIn.setCluster(cluster);
        return standIn;
    }

    /** Writes the state of each of the cluster's data networks, as netmaster does when it creates them. */
    public void setNetworks(SimulatedCluster cluster) {
        for (SimulatedNetwork network : cluster.dataNetworks()) {
            keys.set(NETWORK_STATE_DIR + "/" + network.networkId(),
                    NetworkStateJson.render(network, cluster.endpointsOf(network).size()));
        }
    }

    /** Writes an endpoint's state, as netmaster does when the endpoint is created or changes. */
    public void putEndpoint(Endpoint endpoint) {
        keys.set(ENDPOINT_STATE_DIR + "/" + endpoint.key(), EndpointStateJson.render(endpoint));
    }

    /** Deletes an endpoint's state, as netmaster does when the endpoint is deleted. */
    public void deleteEndpoint(Endpoint endpoint) {
        keys.delete(ENDPOINT_STATE_DIR + "/" + endpoint.key());
    }

    /** Moves the netmaster leader, like a new netmaster taking the lock. */
    public void setLeader(String hostPort) {
        keys.set(LEADER_KEY, hostPort);
    }

    /** Deletes the leader key, like a lock that expired with no netmaster to take it. */
    public void removeLeader() {
        keys.delete(LEADER_KEY);
    }

    /** Replaces the endpoint states with those of {@code cluster}, written in endpoint order. */
    public void setCluster(SimulatedCluster cluster) {
        keys.mount(ENDPOINT_STATE_DIR, new EndpointStateEntries(cluster));
    }

    /** Sets any other key. */
    public void put(String key, String value) {
        keys.set(key, value);
    }

    /** Deletes a key; returns whether it existed. */
    public boolean delete(String key) {
        return keys.delete(key);
    }

    /** The store's index ({@code X-Etcd-Index}). */
    public long index() {
        return keys.index();
    }

    public HttpFaults faults() {
        return faults;
    }

    /** Requests received for {@code path} (decoded, without query), e.g. {@code /v2/keys/contiv.io/lock/netmaster/leader}. */
    public long requestCount(String path) {
        return requests.count(path);
    }

    public long totalRequests() {
        return requests.total();
    }

    public void resetRequestCounts() {
        requests.reset();
    }

    /** Starts listening again, on the same port. */
    public void start() {
        server.start();
    }

    /** Stops listening, like etcd going down: connections are refused until {@link #start()}. */
    public void stop() {
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int port() {
        return server.port();
    }

    public String hostPort() {
        return server.hostPort();
    }

    /** {@code http://127.0.0.1:port}, the form of {@code CONTIV_ETCD}. */
    public URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        server.close();
    }

    private SimulatedResponse raftError() {
        long index = keys.index();
        SimulatedResponse response = SimulatedResponse.bytes(500, SimulatedResponse.JSON,
                EtcdJson.error(EtcdError.raftInternal("simulated fault", index)));
        return EtcdRoutes.withEtcdHeaders(response, index);
    }
}
