package io.contiv.exporter.endpoint;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.inventory.NetmasterLeader;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.NetmasterClient;
import io.contiv.exporter.netmaster.NetmasterNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Endpoint metadata asked of netmaster one endpoint at a time ({@code /api/v1/inspect/endpoints/<id>/}), and only
 * for what this node lacks: an endpoint ID that OVS shows and that was not looked up yet. An endpoint's metadata does
 * not change while it lives, so what was found is kept until OVS drops the ID; an ID netmaster does not know is asked
 * again later (after 5 s, then twice as long each time, up to 5 minutes). What netmaster knows of endpoints OVS lacks
 * is not asked, so this source finds no missing interfaces. The lookups run one at a time on the scheduler.
 */
public final class NetmasterEndpointDirectory implements EndpointDirectorySource {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);

    private record Retry(long dueNanos, Duration delay) {
    }

    private final NetmasterLeader leader;
    private final NetmasterClient client;
    private final SourceReporter netmaster;
    private final ScheduledExecutorService scheduler;
    private final Duration lookupWait;
    private final FirstAttempt firstAttempt;
    private final LocalEndpointIds local = new LocalEndpointIds();
    private final AtomicBoolean roundQueued = new AtomicBoolean();

    // the lookup rounds' own, one round at a time
    private final Object rounds = new Object();
    private final Map<String, EndpointMetadata> found = new HashMap<>();
    private final Map<String, Retry> unknown = new HashMap<>();
    private boolean answered;
    private long retryScheduledAt = Long.MAX_VALUE;

    private final PublishedDirectory published = new PublishedDirectory();

    /** @param lookupWait how long a build may wait for the first lookup of endpoints OVS just showed */
    public NetmasterEndpointDirectory(NetmasterLeader leader, NetmasterClient client, SourceReporter netmaster,
                                      ScheduledExecutorService scheduler, Duration lookupWait) {
        this(leader, client, netmaster, scheduler, FirstAttempt.alone("netmaster", lookupWait), lookupWait);
    }

    /** @param firstRead what a scrape waits on before this node's endpoints were first looked up */
    public NetmasterEndpointDirectory(NetmasterLeader leader, NetmasterClient client, SourceReporter netmaster,
                                      ScheduledExecutorService scheduler, FirstAttempt firstRead,
                                      Duration lookupWait) {
        this.leader = leader;
        this.client = client;
        this.netmaster = netmaster;
        this.scheduler = scheduler;
        this.lookupWait = lookupWait;
        this.firstAttempt = firstRead;
    }

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
        if (before.equals(local.ids()) && version() > 0) {
            return;
        }
        if (roundQueued.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                roundQueued.set(false);
                round();
            });
        }
        if (number > 0) {
            local.await(number, lookupWait);
        }
    }

    /** Forgets what left OVS, asks netmaster about what is new or due again, and publishes. */
    private void round() {
        synchronized (rounds) {
            if (retryScheduledAt != Long.MAX_VALUE && System.nanoTime() - retryScheduledAt >= 0) {
                retryScheduledAt = Long.MAX_VALUE;
            }
            long number = local.requested();
            Set<String> ids = local.ids();
            boolean changed = found.keySet().retainAll(ids);
            unknown.keySet().retainAll(ids);
            long now = System.nanoTime();
            List<String> toAsk = new ArrayList<>();
            for (String id : ids) {
                Retry retry = unknown.get(id);
                if (!found.containsKey(id) && (retry == null || retry.dueNanos() - now <= 0)) {
                    toAsk.add(id);
                }
            }
            changed |= ask(toAsk);
            if (changed || (!published.published() && (answered || ids.isEmpty()))
                    || (published.published() && local.wouldSettle(number))) {
                publish();
            }
            local.settled(number);
            firstAttempt.done();
            unknown.values().stream().mapToLong(Retry::dueNanos).min().ifPresent(this::retryAt);
        }
    }

    /** One retry round at a time: a later one is scheduled only once the earlier one ran. */
    private void retryAt(long dueNanos) {
        if (retryScheduledAt == Long.MAX_VALUE || dueNanos - retryScheduledAt < 0) {
            retryScheduledAt = dueNanos;
            scheduler.schedule(this::round, Math.max(0, (dueNanos - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Asks about each ID in turn; stops at the first failure of netmaster, to try again later. */
    private boolean ask(List<String> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        String address;
        try {
            address = leader.address();
        } catch (Exception e) {
            address = null;
        }
        boolean changed = false;
        for (String id : ids) {
            if (address == null) {
                retryLater(id);
                continue;
            }
            SourceReporter.Attempt attempt = netmaster.start();
            try {
                EndpointOper oper = client.inspectEndpoint(address, id);
                attempt.succeeded();
                answered = true;
                if (id.equals(oper.endpointId())) {
                    found.put(id, metadata(oper));
                    unknown.remove(id);
                    changed = true;
                } else {
                    // netmaster matches the key as a substring: another endpoint's answer is no answer
                    retryLater(id);
                }
            } catch (NetmasterNotFoundException e) {
                attempt.succeeded();
                answered = true;
                retryLater(id);
            } catch (Exception e) {
                attempt.failed(e);
                address = null;
                retryLater(id);
            }
        }
        return changed;
    }

    private void retryLater(String id) {
        Retry last = unknown.get(id);
        Duration delay = last == null ? FIRST_RETRY
                : last.delay().multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : last.delay().multipliedBy(2);
        unknown.put(id, new Retry(System.nanoTime() + delay.toNanos(), delay));
    }

    private void publish() {
        EndpointDirectory fresh = EndpointDirectory.of(found.values());
        published.publish(fresh);
    }

    /** Tenant and network come from the endpoint's {@code network}, {@code network.tenant}. */
    private static EndpointMetadata metadata(EndpointOper oper) {
        String networkId = orEmpty(oper.network());
        int dot = networkId.lastIndexOf('.');
        return new EndpointMetadata(
                oper.endpointId(),
                dot < 0 ? "" : networkId.substring(dot + 1),
                dot < 0 ? networkId : networkId.substring(0, dot),
                orEmpty(oper.serviceName()),
                orEmpty(oper.containerName()),
                orEmpty(oper.containerId()),
                orEmpty(oper.homingHost()),
                oper.ipAddress().stream().filter(a -> !a.isEmpty()).toList(),
                orEmpty(oper.macAddress()),
                oper.endpointGroupId() == null ? 0 : oper.endpointGroupId());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
