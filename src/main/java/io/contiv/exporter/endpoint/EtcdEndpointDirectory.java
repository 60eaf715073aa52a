package io.contiv.exporter.endpoint;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EndpointState;
import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.RawEvents;
import io.contiv.exporter.etcd.WatchedDirectory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;

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

    private static final Logger LOG = ExporterLogs.logger(EtcdEndpointDirectory.class);
    /** The digits of an endpoint ID that netmaster puts in the state's key. */
    private static final int KEY_DIGITS = 12;
    /** A lookup that found nothing reads the network list again if it is older than this. */
    private static final Duration NETWORKS_MAX_AGE = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);
    /**
     * netmaster writes a state before netplugin adds the port, netplugin removes the port and netmaster deletes the
     * state, each reaching the exporter on its own path: for this long an endpoint whose interface is not (or no
     * longer) in OVS is not reported missing, and a deleted state keeps labelling an interface OVS still shows.
     */
    public static final Duration SETTLING = Duration.ofSeconds(10);
    /** What etcd sends for a key that is not there (headers included), and for one endpoint's state, roughly. */
    private static final long ABSENT_KEY_BYTES = 300;
    private static final long STATE_BYTES = 900;
    /**
     * What one more request costs beyond its bytes (a round trip, etcd's work per request), counted as bytes: tens of
     * thousands of lookups take minutes where one listing they barely undercut in bytes takes a second.
     */
    private static final long REQUEST_BYTES = 1000;
    /** Lookups in flight at a time: a few connections to etcd, not one per key. */
    private static final int PROBES_IN_FLIGHT = 8;

    private record Held(long index, EndpointState state, String endpointId) {
    }

    private record Retry(long dueNanos, Duration delay) {
    }

    private final String node;
    private final byte[] homedHere;
    private final Duration lookupWait;
    private final Duration settlingTime;
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
    /** Endpoint IDs held whose interface is not in OVS, since when (not reported missing while settling). */
    private final Map<String, Long> absentSince = new HashMap<>();
    /** Keys deleted in etcd while their interface is in OVS, since when (still labelling it while settling). */
    private final Map<String, Long> deletedAt = new HashMap<>();
    private long nextSettledNanos = Long.MAX_VALUE;
    private Set<String> lookedUp = Set.of();
    /** Network IDs with the number of endpoints netmaster counts in each. */
    private Map<String, Long> networks = Map.of();
    private long networksReadNanos;

    private final PublishedDirectory published = new PublishedDirectory();

    /**
     * @param node       this node as netmaster writes it in {@code homingHost}; empty to not look for endpoints OVS lacks
     * @param lookupWait how long a build may wait for the first lookup of endpoints OVS just showed
     * @param scheduler  where retries of lookups that found nothing are timed
     * @param settling   how long an endpoint settles ({@link #SETTLING} in production)
     */
    public EtcdEndpointDirectory(String node, Duration lookupWait, ScheduledExecutorService scheduler,
                                 Duration settling) {
        this(node, FirstAttempt.alone("etcd_endpoints", lookupWait), lookupWait, scheduler, settling);
    }

    /** @param firstRead what a scrape waits on before this node's endpoints were first looked up */
    public EtcdEndpointDirectory(String node, FirstAttempt firstRead, Duration lookupWait,
                                 ScheduledExecutorService scheduler, Duration settling) {
        this.settlingTime = settling;
        this.node = node == null ? "" : node;
        this.homedHere = this.node.isEmpty() ? null : RawEvents.fieldHolding("homingHost", this.node);
        this.lookupWait = lookupWait;
        this.scheduler = scheduler;
        this.firstAttempt = firstRead;
    }

    /** How to get {@link #pending} called on the watch's thread: the watch's {@code wake}. */
    public void wakeWith(Runnable wake) {
        this.waker = wake;
    }

    // ---- EndpointDirectorySource, on the collector's threads

    @Override
    public Optional<EndpointDirectory> current() {
        firstAttempt.await();
        return published.current();
    }

    @Override
    public long version() {
        return published.version();
    }

    @Override
    public boolean settled() {
        return local.allSettled();
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
        return homedHere != null && RawEvents.contains(rawEvent, homedHere);
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
        // the keys held are known: read them, the few there are, rather than look anything up again
        for (String name : new ArrayList<>(held.keySet())) {
            changed |= refresh(reader, name);
        }
        Set<String> covered = heldEndpointIds();
        long started = System.nanoTime();
        List<String> toLookUp = ids.stream().filter(id -> !covered.contains(id)).toList();
        changed |= lookUpAll(reader, toLookUp);
        if (!toLookUp.isEmpty()) {
            LOG.info("{} of this node's {} endpoints found in etcd in {} ms",
                    toLookUp.stream().filter(id -> !unresolved.containsKey(id)).count(), ids.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        lookedUp = ids;
        if (changed || !published.published() || local.wouldSettle(number)) {
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
        List<String> toLookUp = new ArrayList<>();
        for (String id : LocalEndpointIds.added(lookedUp, ids)) {
            if (!covered.contains(id)) {
                toLookUp.add(id);
            }
        }
        long now = System.nanoTime();
        unresolved.forEach((id, retry) -> {
            if (retry.dueNanos() - now <= 0 && ids.contains(id) && !toLookUp.contains(id)) {
                toLookUp.add(id);
            }
        });
        long started = System.nanoTime();
        EtcdException lookupFailure = null;
        try {
            changed |= lookUpAll(reader, toLookUp);
        } catch (EtcdException e) {
            // what settled (an endpoint gone from OVS long enough) is published all the same
            lookupFailure = e;
        }
        if (toLookUp.size() > 1 && lookupFailure == null) {
            LOG.debug("looked {} endpoints up in etcd in {} ms", toLookUp.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        changed |= absentSince.keySet().removeAll(ids);
        changed |= nextSettledNanos != Long.MAX_VALUE && System.nanoTime() - nextSettledNanos >= 0;
        if (lookupFailure == null) {
            lookedUp = ids;
        }
        if (changed || local.wouldSettle(number)) {
            publish();
        }
        if (lookupFailure != null) {
            throw lookupFailure;
        }
        local.settled(number);
    }

    @Override
    public void failed(Exception cause) {
        firstAttempt.done();
        // nobody should wait for lookups that cannot happen now; they are retried with the watch
        local.settled(local.requested());
    }

    /** How many keys and IDs the directory keeps anything about, to check it stays sized by the node. */
    int tracked() {
        return held.size() + gone.size() + unresolved.size() + unreadable.size() + absentSince.size()
                + deletedAt.size();
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
            if (current != null && local.ids().contains(current.endpointId())) {
                deletedAt.putIfAbsent(name, System.nanoTime());
                return true;
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
        deletedAt.remove(name);
        EndpointState state = parsed.get();
        Set<String> ids = local.ids();
        String endpointId = ids.contains(state.endpointId()) ? state.endpointId()
                : ids.contains(name) ? name : null;
        if (endpointId == null && !node.equals(state.homingHost())) {
            return held.remove(name) != null;
        }
        held.put(name, new Held(index, state, endpointId != null ? endpointId : state.endpointId()));
        if (endpointId == null) {
            absentSince.putIfAbsent(state.endpointId(), System.nanoTime());
        }
        return true;
    }

    /** Reads a held key again; returns whether the directory changed. */
    private boolean refresh(KeyReader reader, String name) throws EtcdException {
        KeyReader.Read read = reader.get(name);
        return read.value().isPresent() ? apply(name, read.value().get(), read.modifiedIndex())
                : apply(name, null, read.etcdIndex());
    }

    /**
     * Finds the states of endpoint IDs from OVS. An ID that is a whole state ID is read directly. The others are
     * looked for under each network in turn (those holding most of this node's endpoints first, then the largest),
     * all IDs at once per network; unless reading the directory once would cost etcd less, as when this node holds
     * much of a small cluster. Returns whether the directory changed.
     */
    private boolean lookUpAll(KeyReader reader, List<String> ids) throws EtcdException {
        if (ids.isEmpty()) {
            return false;
        }
        boolean changed = false;
        Set<String> pending = new LinkedHashSet<>(ids);
        List<String> whole = pending.stream().filter(EtcdEndpointDirectory::isStateId).toList();
        changed |= tryKeys(reader, whole, whole, pending);
        if (!pending.isEmpty() && System.nanoTime() - networksReadNanos > NETWORKS_MAX_AGE.toNanos()) {
            readNetworks(reader);
        }
        long clusterEndpoints = networks.values().stream().mapToLong(Long::longValue).sum();
        long probing = pending.size() * (networks.size() + 1L) / 2 * (ABSENT_KEY_BYTES + REQUEST_BYTES);
        if (!pending.isEmpty() && clusterEndpoints > 0 && clusterEndpoints * STATE_BYTES < probing) {
            changed |= listAll(reader, pending);
        } else if (!pending.isEmpty()) {
            changed |= probe(reader, pending, networkOrder());
        }
        for (String id : pending) {
            retryLater(id);
        }
        return changed;
    }

    /**
     * Looks each pending ID up under each network in turn until found, a few requests in flight at a time across all
     * of them, so that one ID's misses do not hold up the others. What is found is applied and leaves pending.
     */
    private boolean probe(KeyReader reader, Set<String> pending, List<String> order) throws EtcdException {
        record Probe(String id, int network) {
        }
        boolean changed = false;
        ArrayDeque<Probe> waiting = new ArrayDeque<>();
        pending.forEach(id -> waiting.add(new Probe(id, 0)));
        Map<CompletableFuture<KeyReader.Read>, Probe> flying = new HashMap<>();
        while (!waiting.isEmpty() || !flying.isEmpty()) {
            while (flying.size() < PROBES_IN_FLIGHT && !waiting.isEmpty()) {
                Probe next = waiting.poll();
                if (next.network() < order.size()) {
                    flying.put(reader.getAsync(order.get(next.network()) + "-" + digits(next.id())), next);
                }
            }
            if (flying.isEmpty()) {
                break;
            }
            try {
                CompletableFuture.anyOf(flying.keySet().toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException failed) {
                // found below, with the future that failed
            }
            for (Iterator<Map.Entry<CompletableFuture<KeyReader.Read>, Probe>> it = flying.entrySet().iterator();
                 it.hasNext(); ) {
                Map.Entry<CompletableFuture<KeyReader.Read>, Probe> entry = it.next();
                if (!entry.getKey().isDone()) {
                    continue;
                }
                it.remove();
                KeyReader.Read read;
                try {
                    read = entry.getKey().join();
                } catch (CompletionException failed) {
                    flying.keySet().forEach(future -> future.cancel(true));
                    throw failed.getCause() instanceof EtcdException etcd ? etcd
                            : new EtcdException("looking endpoints up failed", failed.getCause());
                }
                String id = entry.getValue().id();
                Optional<EndpointState> state = read.value().flatMap(EndpointState::parse);
                if (state.isPresent() && state.get().endpointId().equals(id)) {
                    unresolved.remove(id);
                    pending.remove(id);
                    changed |= apply(read.name(), read.value().get(), read.modifiedIndex());
                } else {
                    waiting.add(new Probe(id, entry.getValue().network() + 1));
                }
            }
        }
        return changed;
    }

    /** Reads {@code keys}, the candidates of {@code ids} one for one; what matches is applied and leaves pending. */
    private boolean tryKeys(KeyReader reader, List<String> ids, List<String> keys, Set<String> pending)
            throws EtcdException {
        if (keys.isEmpty()) {
            return false;
        }
        boolean changed = false;
        List<KeyReader.Read> reads = reader.getAll(keys);
        for (int i = 0; i < reads.size(); i++) {
            KeyReader.Read read = reads.get(i);
            if (read.value().isEmpty()) {
                continue;
            }
            String id = ids.get(i);
            Optional<EndpointState> state = EndpointState.parse(read.value().get());
            if (state.isPresent() && (state.get().endpointId().equals(id) || read.name().equals(id))) {
                unresolved.remove(id);
                pending.remove(id);
                changed |= apply(read.name(), read.value().get(), read.modifiedIndex());
            }
        }
        return changed;
    }

    /** Reads the whole directory, decoding only the values whose key carries a pending ID. */
    private boolean listAll(KeyReader reader, Set<String> pending) throws EtcdException {
        LOG.debug("reading {} once: cheaper than looking {} endpoints up under {} networks",
                ENDPOINT_STATE_DIRECTORY, pending.size(), networks.size());
        boolean changed = false;
        for (KeyReader.Listed listed : reader.list(ENDPOINT_STATE_DIRECTORY, this::isLocalKey).children()) {
            if (listed.value() == null) {
                continue;
            }
            Optional<EndpointState> state = EndpointState.parse(listed.value());
            String id = state.map(EndpointState::endpointId).filter(pending::contains)
                    .orElse(pending.contains(listed.name()) ? listed.name() : null);
            if (id != null) {
                unresolved.remove(id);
                pending.remove(id);
                changed |= apply(listed.name(), listed.value(), listed.modifiedIndex());
            }
        }
        return changed;
    }

    private void retryLater(String id) {
        Retry last = unresolved.get(id);
        Duration delay = last == null ? FIRST_RETRY
                : last.delay().multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : last.delay().multipliedBy(2);
        unresolved.put(id, new Retry(System.nanoTime() + delay.toNanos(), delay));
        scheduler.schedule(() -> waker.run(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Networks by how many of this node's endpoints they hold, then by how many endpoints they hold. */
    private List<String> networkOrder() {
        Map<String, Integer> here = new HashMap<>();
        for (Held endpoint : held.values()) {
            here.merge(endpoint.state().netId() == null ? "" : endpoint.state().netId(), 1, Integer::sum);
        }
        return networks.keySet().stream()
                .sorted(Comparator.comparing((String network) -> -here.getOrDefault(network, 0))
                        .thenComparing(network -> -networks.get(network)))
                .toList();
    }

    /** The network IDs, and each network's {@code epCount} (0 when absent). */
    private void readNetworks(KeyReader reader) throws EtcdException {
        Map<String, Long> read = new HashMap<>();
        for (KeyReader.Listed network : reader.list(NETWORK_STATE_DIRECTORY, name -> true).children()) {
            read.put(network.name(), network.value() == null ? 0 : NetworkCount.of(network.value()));
        }
        networks = Map.copyOf(read);
        networksReadNanos = System.nanoTime();
    }

    /** Netplugin writes the whole state ID ({@code <network>.<tenant>-<id>}) in OVS; the reference gives the ID. */
    private static boolean isStateId(String id) {
        int dash = id.lastIndexOf('-');
        return dash > 0 && id.lastIndexOf('.', dash) > 0;
    }

    private static String digits(String id) {
        return id.length() > KEY_DIGITS ? id.substring(0, KEY_DIGITS) : id;
    }

    /** Drops what only endpoints that left OVS needed; returns whether the directory changed. */
    private boolean forgetDeparted(Set<String> ids) {
        boolean changed = held.entrySet().removeIf(e -> !ids.contains(e.getValue().endpointId())
                && (!node.equals(e.getValue().state().homingHost()) || deletedAt.containsKey(e.getKey())));
        deletedAt.keySet().retainAll(held.keySet());
        long now = System.nanoTime();
        held.values().forEach(h -> {
            if (!ids.contains(h.endpointId())) {
                absentSince.putIfAbsent(h.endpointId(), now);
            }
        });
        unresolved.keySet().retainAll(ids);
        absentSince.keySet().retainAll(heldEndpointIds());
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

    /**
     * Publishes what is held, less the endpoints still settling: one deleted longer than the settling time ago, and
     * one not in OVS since less than that (it would be reported missing). Wakes itself when the next one settles.
     */
    private void publish() {
        long now = System.nanoTime();
        long settling = settlingTime.toNanos();
        long next = Long.MAX_VALUE;
        List<EndpointMetadata> shown = new ArrayList<>(held.size());
        for (Iterator<Map.Entry<String, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Held> entry = it.next();
            Long deleted = deletedAt.get(entry.getKey());
            Long absent = absentSince.get(entry.getValue().endpointId());
            if (deleted != null && now - deleted >= settling) {
                it.remove();
                deletedAt.remove(entry.getKey());
                continue;
            }
            if (deleted != null) {
                next = Math.min(next, deleted + settling);
            }
            if (absent != null && now - absent < settling) {
                next = Math.min(next, absent + settling);
                continue;
            }
            shown.add(metadata(entry.getValue()));
        }
        // one wake per settling moment: a new earlier one, or the next one once the last has passed
        if (next != Long.MAX_VALUE && (nextSettledNanos == Long.MAX_VALUE || now - nextSettledNanos >= 0
                || next - nextSettledNanos < 0)) {
            scheduler.schedule(() -> waker.run(), (next - now) / 1_000_000 + 1, TimeUnit.MILLISECONDS);
            nextSettledNanos = next;
        } else if (next == Long.MAX_VALUE) {
            nextSettledNanos = Long.MAX_VALUE;
        }
        EndpointDirectory fresh = EndpointDirectory.of(shown);
        published.publish(fresh);
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
}
