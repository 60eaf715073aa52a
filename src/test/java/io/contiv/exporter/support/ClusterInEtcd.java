package io.contiv.exporter.support;

import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.SimulatedNetwork;
import io.contiv.exporter.simulation.etcd.EndpointStateJson;
import io.contiv.exporter.simulation.etcd.NetworkStateJson;
import io.contiv.exporter.testing.RealEtcd;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a simulated cluster's state into a real etcd as netmaster would: one network state per data network under
 * {@code /contiv.io/state/nets}, then one endpoint state per endpoint under {@code /contiv.io/state/eps}.
 */
public final class ClusterInEtcd {

    public static final String EPS = "/contiv.io/state/eps";
    public static final String NETS = "/contiv.io/state/nets";

    private ClusterInEtcd() {
    }

    /** Writes everything with {@code writers} requests in flight; returns the bytes of the endpoint values. */
    public static long write(RealEtcd etcd, SimulatedCluster cluster, int writers) throws Exception {
        for (SimulatedNetwork network : cluster.dataNetworks()) {
            etcd.putV2(NETS + "/" + network.networkId(),
                    NetworkStateJson.render(network, cluster.endpointsOf(network).size()));
        }
        List<Endpoint> endpoints = cluster.endpoints();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                done.add(pool.submit(() -> {
                    for (int i = first; i < endpoints.size(); i += writers) {
                        Endpoint endpoint = endpoints.get(i);
                        String value = EndpointStateJson.render(endpoint);
                        etcd.putV2(key(endpoint), value);
                        bytes.addAndGet(value.length());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    public static String key(Endpoint endpoint) {
        return EPS + "/" + endpoint.key();
    }
}
