package io.contiv.exporter.simulation;

import io.contiv.exporter.simulation.etcd.EtcdStandIn;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.simulation.ovsdb.RealTimeTicker;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbServer;
import io.contiv.exporter.simulation.ovsdb.TrafficClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a simulated Contiv cluster, seen from an exporter running on it: netmaster and etcd stand-ins for the
 * whole cluster, and an OVSDB server holding this node's endpoint interfaces and its VXLAN tunnels to the other
 * nodes, whose counters grow as time passes.
 */
public final class SimulatedNode implements AutoCloseable {

    private final SimulatedCluster cluster;
    private final String host;
    private final NetmasterStandIn netmaster;
    private final EtcdStandIn etcd;
    private final SimulatedOvsdbServer ovsdb;
    private final TrafficClock clock;
    private final RealTimeTicker ticker;

    private SimulatedNode(SimulatedCluster cluster, String host, NetmasterStandIn netmaster, EtcdStandIn etcd,
                          SimulatedOvsdbServer ovsdb, TrafficClock clock, RealTimeTicker ticker) {
        this.cluster = cluster;
        this.host = host;
        this.netmaster = netmaster;
        this.etcd = etcd;
        this.ovsdb = ovsdb;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * Starts the stand-ins on free loopback ports.
     *
     * @param tick how often counters move in real time, or null to move them only through {@link #clock()}
     */
    public static SimulatedNode start(ClusterSpec spec, String host, Duration tick) {
        SimulatedCluster cluster = SimulatedCluster.generate(spec);
        NetmasterStandIn netmaster = NetmasterStandIn.serving(cluster);
        EtcdStandIn etcd = EtcdStandIn.serving(netmaster.hostPort(), cluster);
        TrafficClock clock = new TrafficClock(1);
        SimulatedOvsdbDatabase database = SimulatedOvsdbDatabase.create(clock, spec.seed());
        database.addInterface(SimulatedInterface.bridgeInternal(SimulatedOvsdbDatabase.DEFAULT_BRIDGE, spec.seed()));
        List<Endpoint> endpoints = cluster.endpointsOnHost(host);
        List<SimulatedInterface> ports = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            ports.add(SimulatedInterface.endpoint(endpoint.interfaceName(), endpoint.endpointID(), i + 1,
                    spec.seed()));
        }
        // VXLAN mode: a tunnel to every other node, as netplugin creates one per peer VTEP
        for (String peer : cluster.hosts()) {
            if (!peer.equals(host)) {
                ports.add(SimulatedInterface.tunnel(cluster.vtepAddress(peer), 1000 + ports.size(), spec.seed()));
            }
        }
        database.addInterfaces(ports);
        try {
            SimulatedOvsdbServer ovsdb = SimulatedOvsdbServer.start(database);
            RealTimeTicker ticker = tick == null ? null : RealTimeTicker.start(clock, tick);
            return new SimulatedNode(cluster, host, netmaster, etcd, ovsdb, clock, ticker);
        } catch (IOException e) {
            netmaster.close();
            etcd.close();
            throw new UncheckedIOException(e);
        }
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    public String host() {
        return host;
    }

    public NetmasterStandIn netmaster() {
        return netmaster;
    }

    public EtcdStandIn etcd() {
        return etcd;
    }

    public SimulatedOvsdbServer ovsdb() {
        return ovsdb;
    }

    public TrafficClock clock() {
        return clock;
    }

    /**
     * Starts changing the cluster around this node: states of other nodes' endpoints rewritten in the etcd stand-in,
     * endpoints created and deleted here (state in etcd, interface in the simulated OVSDB). Close it to stop.
     */
    public ClusterChurn churn(ClusterChurn.Rates rates, long seed) {
        long[] ofport = {10_000};
        return ClusterChurn.start(cluster, host, rates, new ClusterChurn.StateStore() {
            @Override
            public void put(Endpoint endpoint) {
                etcd.putEndpoint(endpoint);
            }

            @Override
            public void delete(Endpoint endpoint) {
                etcd.deleteEndpoint(endpoint);
            }
        }, new ClusterChurn.LocalSwitch() {
            @Override
            public void add(Endpoint endpoint) {
                ovsdb.database().addInterface(SimulatedInterface.endpoint(endpoint.interfaceName(),
                        endpoint.endpointID(), (int) ofport[0]++, seed));
            }

            @Override
            public void remove(Endpoint endpoint) {
                ovsdb.database().removeInterface(endpoint.interfaceName());
            }
        }, seed);
    }

    /** {@code http://127.0.0.1:PORT}, as CONTIV_ETCD would name it. */
    public String etcdEndpoint() {
        return "http://" + etcd.hostPort();
    }

    /** {@code tcp:127.0.0.1:PORT}, as OVSDB_ADDRESS would name it. */
    public String ovsdbAddress() {
        return "tcp:127.0.0.1:" + ovsdb.port();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.close();
        }
        ovsdb.close();
        etcd.close();
        netmaster.close();
    }
}
