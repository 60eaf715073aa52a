package io.contiv.exporter.app;

import io.contiv.exporter.policy.BridgePolicyTables;
import java.time.Duration;

/**
 * How the scrape timeout is shared out, in one place. A scrape may wait, one after the other, on the first read of
 * up to three sources (endpoint metadata, OVSDB, policy rules), and then reads the policy bridges: a fifth of the
 * timeout each keeps the sum inside the deadline, with a fifth to spare for building and sending the answer. The
 * switch's background reads (vswitchd, tables, tunnels), which start with the exporter and take milliseconds on a
 * healthy node, run their first round one after the other; a scrape waits for that round at most half of the spare
 * fifth.
 *
 * @param firstReadWait       how long a scrape waits for one source's first read
 * @param bridgeReadTimeout   how long the read of one bridge's policy table may take
 * @param switchFirstReadWait how long a scrape waits for the first round of reads of the switch's sources
 */
record ScrapeBudget(Duration firstReadWait, Duration bridgeReadTimeout, Duration switchFirstReadWait) {

    private static final int SHARES = 5;

    static ScrapeBudget of(ExporterOptions options) {
        Duration share = options.scrapeTimeout().dividedBy(SHARES);
        Duration perBridge = share.dividedBy(BridgePolicyTables.CONTIV_BRIDGES.size());
        return new ScrapeBudget(share,
                perBridge.compareTo(options.sourceTimeout()) < 0 ? perBridge : options.sourceTimeout(),
                share.dividedBy(2));
    }
}
