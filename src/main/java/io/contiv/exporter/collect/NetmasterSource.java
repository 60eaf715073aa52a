package io.contiv.exporter.collect;

import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.netmaster.NetmasterException;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.NetmasterLocator;
import java.util.Optional;

/**
 * Finds the netmaster leader (through etcd unless an address was given) and reads from it, recording the health of
 * both steps. When a read fails, the last inventory that was read stays available: stale labels beat none.
 */
public final class NetmasterSource {

    /** What to read from the leader; differs between the two exporter modes. */
    @FunctionalInterface
    public interface Read {
        NetmasterInventory read(String leader) throws NetmasterException;
    }

    private final NetmasterLocator locator;
    private final boolean locatorIsEtcd;
    private final Read read;
    private final SourceHealth health;
    private volatile NetmasterInventory lastKnown;

    public NetmasterSource(NetmasterLocator locator, boolean locatorIsEtcd, Read read, SourceHealth health) {
        this.locator = locator;
        this.locatorIsEtcd = locatorIsEtcd;
        this.read = read;
        this.health = health;
    }

    /** Reads anew; returns the fresh inventory, or the last known one when this attempt failed. */
    public Optional<NetmasterInventory> refresh() {
        String leader;
        try {
            leader = locatorIsEtcd ? health.observe(Source.ETCD, locator::leaderAddress) : locator.leaderAddress();
        } catch (Exception e) {
            return Optional.ofNullable(lastKnown);
        }
        try {
            lastKnown = health.observe(Source.NETMASTER, () -> read.read(leader));
        } catch (Exception e) {
            // recorded by the health tracker; the last known inventory is still served
        }
        return Optional.ofNullable(lastKnown);
    }

    public Optional<NetmasterInventory> lastKnown() {
        return Optional.ofNullable(lastKnown);
    }
}
