package io.contiv.exporter.collect;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.policy.PolicyRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directional policy rules netmaster keeps in etcd, mirrored by a watch. Until the first read the rules are
 * unknown (not "none"), so that a scrape does not report every flow as matching no rule; after that, the last good
 * state stays while etcd is away.
 */
public final class PolicyRuleSource {

    public static final String POLICY_RULE_DIRECTORY = "/contiv.io/state/policyRule";
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRuleSource.class);

    private final SourceHealth health;
    private final FirstAttempt firstAttempt;
    private final Object lock = new Object();
    private List<PolicyRule> rules;
    private int unreadable;

    public PolicyRuleSource(SourceHealth health, Duration firstReadWait) {
        this.health = health;
        this.firstAttempt = new FirstAttempt(firstReadWait);
    }

    /** Feed for {@link EtcdDirectoryWatch}: a new state of the rule directory. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        long started = System.nanoTime();
        List<PolicyRule> parsed = new ArrayList<>(contents.values().size());
        int bad = 0;
        for (String value : contents.values().values()) {
            Optional<PolicyRule> rule = PolicyRule.parse(value);
            if (rule.isPresent()) {
                parsed.add(rule.get());
            } else {
                bad++;
            }
        }
        if (bad > 0 && bad != unreadable) {
            LOG.warn("{} values under {} are not policy rules and were skipped", bad, POLICY_RULE_DIRECTORY);
        }
        synchronized (lock) {
            unreadable = bad;
            rules = List.copyOf(parsed);
        }
        firstAttempt.done();
        health.recordSuccess(Source.ETCD, (System.nanoTime() - started) / 1e9);
    }

    /** Feed for {@link EtcdDirectoryWatch}: the watch lost etcd and will retry. */
    public void failed(Exception failure) {
        health.recordFailure(Source.ETCD, 0, failure);
        firstAttempt.done();
    }

    /** The rules held now; the first call waits a little for the first read. Empty when none was read yet. */
    public Optional<List<PolicyRule>> current() {
        firstAttempt.await();
        synchronized (lock) {
            return Optional.ofNullable(rules);
        }
    }
}
