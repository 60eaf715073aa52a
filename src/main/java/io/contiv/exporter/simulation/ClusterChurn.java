package io.contiv.exporter.simulation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Life in a cluster seen from one node: endpoint states rewritten elsewhere in the cluster at a given rate (as
 * netmaster does when endpoints elsewhere change), and endpoints created and deleted on this node (its state written,
 * then its interface added to OVS; its interface removed, then its state deleted). Where the state and the interfaces
 * go is up to the caller: the etcd stand-in or a real etcd, the simulated OVSDB or a real one.
 */
public final class ClusterChurn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterChurn.class);

    /** Where endpoint states are written: etcd. */
    public interface StateStore {
        void put(Endpoint endpoint);

        void delete(Endpoint endpoint);
    }

    /** This node's switch. */
    public interface LocalSwitch {
        void add(Endpoint endpoint);

        void remove(Endpoint endpoint);
    }

    /**
     * @param rewritesPerSecond     states of endpoints of other nodes rewritten per second
     * @param localChangesPerSecond endpoints created or deleted on this node per second (alternately, so that the
     *                              node keeps about as many as it had); 0 for none
     */
    public record Rates(double rewritesPerSecond, double localChangesPerSecond) {
    }

    private final SimulatedCluster cluster;
    private final String host;
    private final StateStore store;
    private final LocalSwitch ovs;
    private final SplittableRandom random;
    private final ScheduledExecutorService scheduler;
    private final Deque<Endpoint> created = new ArrayDeque<>();
    private final AtomicLong rewrites = new AtomicLong();
    private final AtomicLong creations = new AtomicLong();
    private final AtomicLong deletions = new AtomicLong();
    private int serial;

    private ClusterChurn(SimulatedCluster cluster, String host, StateStore store, LocalSwitch ovs, long seed) {
        this.cluster = cluster;
        this.host = host;
        this.store = store;
        this.ovs = ovs;
        this.random = new SplittableRandom(seed);
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "cluster-churn");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts changing the cluster at the given rates, until closed. */
    public static ClusterChurn start(SimulatedCluster cluster, String host, Rates rates, StateStore store,
                                     LocalSwitch ovs, long seed) {
        ClusterChurn churn = new ClusterChurn(cluster, host, store, ovs, seed);
        churn.every(rates.rewritesPerSecond(), churn::rewriteElsewhere);
        churn.every(rates.localChangesPerSecond(), churn::changeLocally);
        return churn;
    }

    private void every(double perSecond, Runnable change) {
        if (perSecond <= 0) {
            return;
        }
        long periodNanos = Math.max(1, (long) (1e9 / perSecond));
        scheduler.scheduleAtFixedRate(() -> {
            try {
                change.run();
            } catch (RuntimeException e) {
                // a failed write is the target's business (a test may stop it); the churn goes on
                LOG.debug("cluster churn: {}", e.toString());
            }
        }, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Rewrites the state of a random endpoint homed on another node, unchanged, as netmaster re-writes state. */
    public void rewriteElsewhere() {
        List<Endpoint> all = cluster.endpoints();
        Endpoint endpoint;
        do {
            endpoint = all.get(random.nextInt(all.size()));
        } while (endpoint.homingHost().equals(host) && cluster.hosts().size() > 1);
        store.put(endpoint);
        rewrites.incrementAndGet();
    }

    /** Creates an endpoint on this node, or deletes the oldest one created, in turn. */
    public synchronized void changeLocally() {
        if (created.isEmpty() || (creations.get() + deletions.get()) % 2 == 0) {
            Endpoint endpoint = cluster.createdEndpoint(host, serial++);
            store.put(endpoint);
            ovs.add(endpoint);
            created.addLast(endpoint);
            creations.incrementAndGet();
        } else {
            Endpoint endpoint = created.removeFirst();
            ovs.remove(endpoint);
            store.delete(endpoint);
            deletions.incrementAndGet();
        }
    }

    /** The endpoints created by this churn and not deleted yet, oldest first. */
    public synchronized List<Endpoint> liveCreated() {
        return List.copyOf(created);
    }

    public long rewrites() {
        return rewrites.get();
    }

    public long creations() {
        return creations.get();
    }

    public long deletions() {
        return deletions.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
