package io.contiv.exporter.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.etcd.DirectoryScan;
import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.RawEvents;
import io.contiv.exporter.etcd.WatchedDirectory;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * VTEP owners from netmaster's endpoint state in etcd ({@code /contiv.io/state/eps/}: an endpoint's {@code vtepIP} and
 * {@code homingHost}), at a cost that follows the node's tunnels rather than the cluster's endpoints.
 *
 * <p>Any endpoint of a host names it. When the node first has tunnels whose remote host is not known, the directory's
 * values are read as they stream in until every one is named, or until a long stretch names no new host (a host
 * without endpoints cannot be named): about {@code hosts × ln(hosts)} values, not the directory. After that the
 * endpoint state watch keeps the names: every change in the directory passes by it, and each event's two fields are
 * taken from its raw bytes without decoding it. Holds one entry per VTEP address, as OVS holds one tunnel per peer.
 */
public final class EtcdVtepHosts implements VtepHosts {

    private static final Logger LOG = ExporterLogs.logger(EtcdVtepHosts.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final byte[] VTEP = RawEvents.fieldMarker("vtepIP");
    private static final byte[] HOST = RawEvents.fieldMarker("homingHost");
    /** A scan gives up after this many values without a new host, at least (or four per host named, if more). */
    static final int FRUITLESS_STRETCH = 1000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofMinutes(10);

    /** The two fields of an endpoint's state read here. */
    private record Owner(@JsonProperty("vtepIP") String vtepIp, String homingHost) {
    }

    private final DirectoryScan scan;
    private final Executor background;
    private final Duration firstWait;
    private final CountDownLatch scanned = new CountDownLatch(1);
    /** Written under this object's lock; read by scrapes through the copy. */
    private final Map<String, String> learned = new HashMap<>();
    private volatile Map<String, String> hosts = Map.of();
    private volatile long version;
    /** Whether a scan runs or has named what it could; after a failed one, when the next may start. */
    private boolean scanDone;
    private boolean scanRunning;
    private long nextScanNanos;
    private Duration retryDelay = FIRST_RETRY;

    /**
     * @param scan      of the endpoint state directory, run once on {@code background} when the node first has a
     *                  tunnel to an unnamed host (again later, less and less often, while etcd cannot be read)
     * @param firstWait how long the build that starts the scan waits for it: names that come later change the
     *                  tunnels' series
     */
    public EtcdVtepHosts(DirectoryScan scan, Executor background, Duration firstWait) {
        this.scan = scan;
        this.background = background;
        this.firstWait = firstWait;
    }

    /** The watched directory {@code inner}, with every event of the directory passing by this first. */
    public WatchedDirectory learningFrom(WatchedDirectory inner) {
        return new WatchedDirectory() {
            @Override
            public boolean concerns(String name, byte[] rawEvent) {
                if (rawEvent != null) {
                    learn(rawEvent);
                }
                return inner.concerns(name, rawEvent);
            }

            @Override
            public void changed(String name, String value, long modifiedIndex) {
                inner.changed(name, value, modifiedIndex);
            }

            @Override
            public void resync(KeyReader reader, long etcdIndex) throws EtcdException {
                inner.resync(reader, etcdIndex);
            }

            @Override
            public void pending(KeyReader reader) throws EtcdException {
                inner.pending(reader);
            }

            @Override
            public void failed(Exception cause) {
                inner.failed(cause);
            }
        };
    }

    /** One event of the endpoint state directory, as etcd sent it. */
    void learn(byte[] rawEvent) {
        String vtep = RawEvents.plainField(rawEvent, VTEP);
        if (vtep != null) {
            // a VTEP address taken over by another host is named after its latest owner
            name(vtep, RawEvents.plainField(rawEvent, HOST), true);
        }
    }

    /** Whether the host is new; a known address keeps its host unless {@code latest}. */
    private synchronized boolean name(String vtep, String host, boolean latest) {
        if (vtep == null || vtep.isEmpty() || host == null || host.isEmpty() || host.equals(learned.get(vtep))
                || (!latest && learned.containsKey(vtep))) {
            return false;
        }
        boolean newHost = !learned.containsValue(host);
        learned.put(vtep, host);
        hosts = Map.copyOf(learned);
        version++;
        return newHost;
    }

    @Override
    public void wanted(Set<String> vteps) {
        synchronized (this) {
            if (scanDone || scanRunning || learned.keySet().containsAll(vteps)
                    || System.nanoTime() - nextScanNanos < 0) {
                return;
            }
            scanRunning = true;
        }
        background.execute(() -> {
            boolean done = false;
            try {
                done = scanFor(vteps);
            } finally {
                synchronized (this) {
                    scanRunning = false;
                    scanDone = done;
                    if (!done) {
                        nextScanNanos = System.nanoTime() + retryDelay.toNanos();
                        retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY
                                : retryDelay.multipliedBy(2);
                    }
                }
                scanned.countDown();
            }
        });
        try {
            scanned.await(firstWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the scan read what it could: false when etcd could not be read, to be tried again later. */
    private boolean scanFor(Set<String> vteps) {
        long[] sinceNewHost = {0};
        try {
            long read = scan.scan(value -> {
                Owner owner = parse(value);
                if (owner != null && name(owner.vtepIp(), owner.homingHost(), false)) {
                    sinceNewHost[0] = 0;
                } else {
                    sinceNewHost[0]++;
                }
                return !hosts.keySet().containsAll(vteps)
                        && sinceNewHost[0] < Math.max(FRUITLESS_STRETCH, 4L * hosts.size());
            });
            Set<String> unnamed = new HashSet<>(vteps);
            unnamed.removeAll(hosts.keySet());
            LOG.info("named the hosts of {} VTEPs from {} endpoint states in etcd{}", hosts.size(), read,
                    unnamed.isEmpty() ? "" : "; not yet named (no endpoint state seen): " + unnamed);
            return true;
        } catch (EtcdException e) {
            // meanwhile the watch names them as their endpoints change
            LOG.warn("could not read the endpoint states naming the tunnels' remote hosts (tried again in {} s): {}",
                    retryDelay.toSeconds(), e.getMessage());
            return false;
        }
    }

    private static Owner parse(String value) {
        try {
            return MAPPER.readValue(value, Owner.class);
        } catch (IOException e) {
            // the endpoint directory reports values it cannot read
            return null;
        }
    }

    @Override
    public Map<String, String> hostsByVtep() {
        return hosts;
    }

    @Override
    public long version() {
        return version;
    }
}
