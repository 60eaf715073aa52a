package io.contiv.exporter.inventory;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.netmaster.NetmasterLocator;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Where the leading netmaster is: the address given, or the one etcd's leader lock names, each lookup reported as an
 * attempt on etcd. While etcd cannot tell, netmaster is still asked where etcd named it last.
 */
public final class NetmasterLeader {

    private static final Logger LOG = ExporterLogs.logger(NetmasterLeader.class);

    private final NetmasterLocator locator;
    private final Optional<SourceReporter> leaderLookup;
    private String lastLeader;

    /**
     * @param leaderLookup how the lookup of the leader in etcd reports its health; empty when the address was given,
     *                     and the locator cannot fail
     */
    public NetmasterLeader(NetmasterLocator locator, Optional<SourceReporter> leaderLookup) {
        this.locator = locator;
        this.leaderLookup = leaderLookup;
    }

    /** The leader's {@code host:port}; null when etcd never named one. */
    public synchronized String address() throws Exception {
        if (leaderLookup.isEmpty()) {
            return locator.leaderAddress();
        }
        String leader;
        try {
            leader = leaderLookup.get().timed(locator::leaderAddress);
        } catch (Exception e) {
            // recorded as an etcd failure; netmaster itself may well be fine where it was
            return lastLeader;
        }
        if (lastLeader == null) {
            LOG.info("netmaster leader is {} (from etcd)", leader);
        } else if (!leader.equals(lastLeader)) {
            LOG.info("netmaster leader is now {} (was {})", leader, lastLeader);
        }
        lastLeader = leader;
        return leader;
    }
}
