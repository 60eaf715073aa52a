package io.contiv.exporter.inventory;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.netmaster.NetmasterException;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.NetmasterLocator;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Netmaster's data, kept in memory and refreshed in the background: the leader is found (through etcd unless an
 * address was given), then read, recording the health of both steps. A scrape reads what is held and waits only
 * while nothing has been tried yet. When a read fails, the last inventory read stays: stale labels beat none. When
 * etcd cannot tell where the leader is, netmaster is still read where it was last found.
 */
public final class NetmasterSource {

    /** What to read from the leader; differs between the two exporter modes. */
    @FunctionalInterface
    public interface Read {
        NetmasterInventory read(String leader) throws NetmasterException;
    }

    /** The inventory held at one moment and its version, read together so they always match. */
    public record Held(Optional<NetmasterInventory> inventory, long version) {
    }

    /** How often to read, and how soon an on-demand read may follow the last one. */
    public record Timing(Duration refreshInterval, Duration minOnDemandInterval) {
    }

    private final NetmasterLeader leader;
    private final Read read;
    private final SourceReporter netmaster;
    private final ScheduledExecutorService scheduler;
    private final Timing timing;

    private final Object lock = new Object();
    /** One refresh at a time: the periodic one and an on-demand one must not overtake each other. */
    private final Object refreshing = new Object();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private NetmasterInventory lastKnown;
    private final FirstAttempt firstAttempt;
    private long version;
    private long lastAttemptNanos;

    /**
     * @param leaderLookup how the lookup of the leader in etcd reports its health; empty when the address was given,
     *                     and the locator cannot fail
     * @param netmaster    how reads of netmaster report their health
     * @param firstRead    what a scrape waits on before anything was read: the first refresh, leader lookup included
     */
    public NetmasterSource(NetmasterLocator locator, Optional<SourceReporter> leaderLookup, Read read,
                           SourceReporter netmaster, ScheduledExecutorService scheduler, Timing timing,
                           FirstAttempt firstRead) {
        this.leader = new NetmasterLeader(locator, leaderLookup);
        this.read = read;
        this.netmaster = netmaster;
        this.scheduler = scheduler;
        this.timing = timing;
        this.firstAttempt = firstRead;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, timing.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The inventory held now; only before the first read has finished does this wait for it (bounded). */
    public Held current() {
        firstAttempt.await();
        synchronized (lock) {
            return new Held(Optional.ofNullable(lastKnown), version);
        }
    }

    /** Asks for a read soon, for instance when OVS shows an endpoint netmaster has not told us about; rate-limited. */
    public void refreshSoon() {
        long sinceLast;
        synchronized (lock) {
            sinceLast = System.nanoTime() - lastAttemptNanos;
        }
        long wait = Math.max(0, timing.minOnDemandInterval().toNanos() - sinceLast);
        if (refreshQueued.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                refreshQueued.set(false);
                refresh();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Reads now, on the calling thread. */
    public void refresh() {
        synchronized (refreshing) {
            refreshOnce();
        }
    }

    private void refreshOnce() {
        synchronized (lock) {
            lastAttemptNanos = System.nanoTime();
        }
        NetmasterInventory fresh = null;
        try {
            String address = leader.address();
            if (address != null) {
                fresh = netmaster.timed(() -> read.read(address));
            }
        } catch (Exception e) {
            // recorded by the health tracker; the last known inventory is still served
        } finally {
            synchronized (lock) {
                if (fresh != null) {
                    lastKnown = fresh;
                    version++;
                }
            }
            firstAttempt.done();
        }
    }
}
