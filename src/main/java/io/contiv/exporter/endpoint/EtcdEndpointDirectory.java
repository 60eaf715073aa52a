package io.contiv.exporter.endpoint;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EndpointState;
import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.WatchedDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of this node, read from netmaster's endpoint state in etcd ({@code /contiv.io/state/eps/<id>}) and kept
 * current by an {@code EtcdDirectoryWatch}, without asking netmaster and without ever reading the whole directory.
 *
 * <p>It holds the state of the endpoints in this node's OVS, and of those whose state names this node as their host
 * (to find endpoints OVS lacks). A state's key is {@code <network>.<tenant>-<first 12 digits of the endpoint ID>}, so
 * an endpoint ID from OVS is looked up under each network (network IDs are the keys of
 * {@code /contiv.io/state/nets}), and an event concerns this node when its key ends with a local endpoint's digits,
 * is a key it holds, or its raw bytes name this node's host. Netplugin itself writes the whole state ID in OVS's
 * {@code endpoint-id}; such an ID is read directly.
 */
public final class EtcdEndpointDirectory implements EndpointDirectorySource, WatchedDirectory {

    public static final String ENDPOINT_STATE_DIRECTORY = "/contiv.io/state/eps";
    public static final String NETWORK_STATE_DIRECTORY = "/contiv.io/state/nets";

    private static final Logger LOG = LoggerFactory.getLogger(EtcdEndpointDirectory.class);
    /** The digits of an endpoint ID that netmaster puts in the state's key. */
    private static final int KEY_DIGITS = 12;
    /** A lookup that found nothing reads the network list again if it is older than this. */
    private static final Duration NETWORKS_MAX_AGE = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);

    private record Held(long index, EndpointState state, String endpointId) {
    }

    private record Retry(long dueNanos, Duration delay) {
    }

    private final String node;
    private final byte[] homedHere;
    private final Duration lookupWait;
    private final ScheduledExecutorService scheduler;
    private final FirstAttempt firstAttempt;
    private final LocalEndpointIds local = new LocalEndpointIds();
    private volatile Runnable waker = () -> { };
    /** Local endpoint IDs by what a state key may carry of them: the ID itself, and its first digits. */
    private volatile Map<String, String> tokens = Map.of();

    // the watch thread's own
    private final Map<String, Held> held = new HashMap<>();
    /** Keys of local endpoints that etcd did not hold at an index: older news of them is stale. */
    private final Map<String, Long> gone = new HashMap<>();
    private final Map<String, Retry> unresolved = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private Set<String> lookedUp = Set.of();
    private List<String> networks = List.of();
    private long networksReadNanos;

    private final Object lock = new Object();
    private EndpointDirectory directory;
    private long version;

    /**
     * @param node       this node as netmaster writes it in {@code homingHost}; empty to not look for endpoints OVS lacks
     * @param lookupWait how long a build may wait for the first lookup of endpoints OVS just showed
     * @param scheduler  where retries of lookups that found nothing are timed
     */
    public EtcdEndpointDirectory(String node, Duration lookupWait, ScheduledExecutorService scheduler) {
        this.node = node == null ? "" : node;
        this.homedHere = this.node.isEmpty() ? null
                : ("\\\"homingHost\\\":\\\"" + this.node + "\\\"").getBytes(StandardCharsets.UTF_8);
        this.lookupWait = lookupWait;
        this.scheduler = scheduler;
        this.firstAttempt = new FirstAttempt(lookupWait);
    }

    /** How to get {@link #pending} called on the watch's thread: the watch's {@code wake}. */
    public void wakeWith(Runnable wake) {
        this.waker = wake;
    }

    // ---- EndpointDirectorySource, on the collector's threads

    @Override
    public Optional<EndpointDirectory> current() {
        firstAttempt.await();
        synchronized (lock) {
            return Optional.ofNullable(directory);
        }
    }

    @Override
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    @Override
    public void localEndpoints(Set<String> endpointIds) {
        Set<String> before = local.ids();
        long number = local.update(endpointIds);
        if (before.equals(local.ids())) {
            return;
        }
        Map<String, String> byToken = new HashMap<>();
        for (String id : local.ids()) {
            byToken.put(id, id);
            if (id.length() > KEY_DIGITS) {
                byToken.putIfAbsent(id.substring(0, KEY_DIGITS), id);
            }
        }
        tokens = Map.copyOf(byToken);
        waker.run();
        if (number > 0) {
            local.await(number, lookupWait);
        }
    }

    // ---- WatchedDirectory, on the watch's thread

    @Override
    public boolean concerns(String name, byte[] rawEvent) {
        if (held.containsKey(name) || isLocalKey(name)) {
            return true;
        }
        return homedHere != null && contains(rawEvent, homedHere);
    }

    @Override
    public void changed(String name, String value, long modifiedIndex) {
        if (apply(name, value, modifiedIndex)) {
            publish();
        }
    }

    @Override
    public void resync(KeyReader reader, long etcdIndex) throws EtcdException {
        long number = local.requested();
        Set<String> ids = local.ids();
        readNetworks(reader);
        boolean changed = false;
        for (String name : new ArrayList<>(held.keySet())) {
            changed |= refresh(reader, name);
        }
        Set<String> covered = heldEndpointIds();
        for (String id : ids) {
            if (!covered.contains(id)) {
                changed |= lookUp(reader, id);
            }
        }
        lookedUp = ids;
        if (changed || directory == null) {
            publish();
        }
        local.settled(number);
        firstAttempt.done();
    }

    @Override
    public void pending(KeyReader reader) throws EtcdException {
        long number = local.requested();
        Set<String> ids = local.ids();
        boolean changed = false;
        if (!ids.containsAll(lookedUp)) {
            changed = forgetDeparted(ids);
        }
        Set<String> covered = heldEndpointIds();
        for (String id : LocalEndpointIds.added(lookedUp, ids)) {
            if (!covered.contains(id)) {
                changed |= lookUp(reader, id);
            }
        }
        long now = System.nanoTime();
        for (Map.Entry<String, Retry> retry : new ArrayList<>(unresolved.entrySet())) {
            if (retry.getValue().dueNanos() - now <= 0 && ids.contains(retry.getKey())) {
                changed |= lookUp(reader, retry.getKey());
            }
        }
        lookedUp = ids;
        if (changed) {
            publish();
        }
        local.settled(number);
    }

    @Override
    public void failed(Exception cause) {
        firstAttempt.done();
        // nobody should wait for lookups that cannot happen now; they are retried with the watch
        local.settled(local.requested());
    }

    // ---- the held state

    /** Applies a change if it is newer than what is known; returns whether the directory changed. */
    private boolean apply(String name, String value, long index) {
        Held current = held.get(name);
        if (value == null) {
            if (current != null && current.index() >= index) {
                return false;
            }
            if (current != null || isLocalKey(name)) {
                gone.merge(name, index, Math::max);
            }
            return held.remove(name) != null;
        }
        if (gone.getOrDefault(name, -1L) >= index || (current != null && current.index() >= index)) {
            return false;
        }
        Optional<EndpointState> parsed = EndpointState.parse(value);
        if (parsed.isEmpty()) {
            if (unreadable.add(name)) {
                LOG.warn("the value of {}/{} is not endpoint state; skipped", ENDPOINT_STATE_DIRECTORY, name);
            }
            return held.remove(name) != null;
        }
        unreadable.remove(name);
        EndpointState state = parsed.get();
        Set<String> ids = local.ids();
        String endpointId = ids.contains(state.endpointId()) ? state.endpointId()
                : ids.contains(name) ? name : null;
        if (endpointId == null && !node.equals(state.homingHost())) {
            return held.remove(name) != null;
        }
        held.put(name, new Held(index, state, endpointId != null ? endpointId : state.endpointId()));
        return true;
    }

    /** Reads a held key again; returns whether the directory changed. */
    private boolean refresh(KeyReader reader, String name) throws EtcdException {
        KeyReader.Read read = reader.get(name);
        return read.value().isPresent() ? apply(name, read.value().get(), read.modifiedIndex())
                : apply(name, null, read.etcdIndex());
    }

    /**
     * Finds the state of an endpoint ID from OVS: under the ID itself if it is a whole state ID, then under each
     * network, those holding most of this node's endpoints first. Returns whether the directory changed.
     */
    private boolean lookUp(KeyReader reader, String id) throws EtcdException {
        Set<String> tried = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (String key : candidateKeys(id)) {
                if (!tried.add(key)) {
                    continue;
                }
                KeyReader.Read read = reader.get(key);
                if (read.value().isEmpty()) {
                    continue;
                }
                Optional<EndpointState> state = EndpointState.parse(read.value().get());
                if (state.isPresent() && (state.get().endpointId().equals(id) || key.equals(id))) {
                    unresolved.remove(id);
                    return apply(key, read.value().get(), read.modifiedIndex());
                }
            }
            if (System.nanoTime() - networksReadNanos < NETWORKS_MAX_AGE.toNanos()) {
                break;
            }
            readNetworks(reader);
        }
        Retry last = unresolved.get(id);
        Duration delay = last == null ? FIRST_RETRY
                : last.delay().multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : last.delay().multipliedBy(2);
        unresolved.put(id, new Retry(System.nanoTime() + delay.toNanos(), delay));
        scheduler.schedule(() -> waker.run(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    private List<String> candidateKeys(String id) {
        List<String> keys = new ArrayList<>();
        int dash = id.lastIndexOf('-');
        if (dash > 0 && id.lastIndexOf('.', dash) > 0) {
            keys.add(id);
        }
        String digits = id.length() > KEY_DIGITS ? id.substring(0, KEY_DIGITS) : id;
        Map<String, Integer> popularity = new HashMap<>();
        for (Held endpoint : held.values()) {
            popularity.merge(endpoint.state().netId() == null ? "" : endpoint.state().netId(), 1, Integer::sum);
        }
        networks.stream()
                .sorted(Comparator.comparing((String network) -> -popularity.getOrDefault(network, 0)))
                .forEach(network -> keys.add(network + "-" + digits));
        return keys;
    }

    private void readNetworks(KeyReader reader) throws EtcdException {
        networks = reader.list(NETWORK_STATE_DIRECTORY, name -> false).children().stream()
                .map(KeyReader.Listed::name).toList();
        networksReadNanos = System.nanoTime();
    }

    /** Drops what only endpoints that left OVS needed; returns whether the directory changed. */
    private boolean forgetDeparted(Set<String> ids) {
        boolean changed = held.values().removeIf(h -> !ids.contains(h.endpointId())
                && !node.equals(h.state().homingHost()));
        unresolved.keySet().retainAll(ids);
        gone.keySet().removeIf(name -> !isLocalKey(name));
        unreadable.removeIf(name -> !isLocalKey(name) && !held.containsKey(name));
        return changed;
    }

    private Set<String> heldEndpointIds() {
        Set<String> ids = new HashSet<>();
        held.values().forEach(h -> ids.add(h.endpointId()));
        return ids;
    }

    /** Whether the key carries a local endpoint ID: whole (netplugin's form), or its digits after the last dash. */
    private boolean isLocalKey(String name) {
        Map<String, String> byToken = tokens;
        if (byToken.containsKey(name)) {
            return true;
        }
        int dash = name.lastIndexOf('-');
        return dash >= 0 && byToken.containsKey(name.substring(dash + 1));
    }

    private void publish() {
        EndpointDirectory fresh = EndpointDirectory.of(held.values().stream().map(EtcdEndpointDirectory::metadata)
                .toList());
        synchronized (lock) {
            directory = fresh;
            version++;
        }
    }

    private static EndpointMetadata metadata(Held held) {
        EndpointState state = held.state();
        return new EndpointMetadata(
                held.endpointId(),
                state.tenant(),
                state.network(),
                orEmpty(state.serviceName()),
                orEmpty(state.epCommonName()),
                orEmpty(state.containerId()),
                orEmpty(state.homingHost()),
                Stream.of(state.ipAddress(), state.ipv6Address()).filter(a -> a != null && !a.isEmpty()).toList(),
                orEmpty(state.macAddress()),
                state.endpointGroupId());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Whether {@code needle} occurs in {@code haystack}; a plain scan, the events are small. */
    static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
