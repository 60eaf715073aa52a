package io.contiv.exporter.app;

import io.contiv.exporter.policy.BridgePolicyTables;
import java.time.Duration;

/**
 * How long a collection may wait, in one place. A scrape waits for the first reads of its sources (endpoint
 * metadata, OVSDB, policy rules), which run in parallel and share one deadline, then reads the policy bridges one
 * after the other. {@code serve} gives the first reads a fifth of {@code --scrape.timeout} (each source has all
 * of it, not a slice) and the bridges another, keeping three fifths for building and sending the answer, which the
 * first scrapes of a cold JVM on a busy machine need: a scrape's deadline comes before a source's first read.
 * {@code once} collects once: it waits for every first read up to its own deadline, and each bridge gets
 * {@code --source.timeout}.
 *
 * @param firstReadWait     how long the first reads of all sources may take, counted from the first wait
 * @param bridgeReadTimeout how long the read of one bridge's policy table may take
 */
record ScrapeBudget(Duration firstReadWait, Duration bridgeReadTimeout) {

    /** {@code --scrape.timeout}'s default, for exporters built in code (the demo, tests). */
    static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(4);

    private static final int SHARES = 5;

    static ScrapeBudget serving(Duration scrapeTimeout, Duration sourceTimeout) {
        Duration share = scrapeTimeout.dividedBy(SHARES);
        Duration perBridge = share.dividedBy(BridgePolicyTables.CONTIV_BRIDGES.size());
        return new ScrapeBudget(share,
                perBridge.compareTo(sourceTimeout) < 0 ? perBridge : sourceTimeout);
    }

    static ScrapeBudget once(Duration deadline, Duration sourceTimeout) {
        return new ScrapeBudget(deadline, sourceTimeout);
    }
}
