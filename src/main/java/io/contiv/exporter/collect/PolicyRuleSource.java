package io.contiv.exporter.collect;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.policy.PolicyRule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The directional policy rules netmaster keeps in etcd, mirrored by a watch. Until the first read the rules are
 * unknown (not "none"), so that a scrape does not report every flow as matching no rule; after that, the last good
 * state stays while etcd is away.
 */
public final class PolicyRuleSource {

    public static final String POLICY_RULE_DIRECTORY = "/contiv.io/state/policyRule";

    private final SourceHealth health;
    private final FirstAttempt firstAttempt;
    private final Object lock = new Object();
    private List<PolicyRule> rules;
    private final DirectoryValues<PolicyRule> values =
            new DirectoryValues<>(PolicyRule::parse, POLICY_RULE_DIRECTORY, "policy rules");

    public PolicyRuleSource(SourceHealth health, Duration firstReadWait) {
        this.health = health;
        this.firstAttempt = new FirstAttempt(firstReadWait);
    }

    /** Feed for {@link EtcdDirectoryWatch}: a new state of the rule directory. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        long started = System.nanoTime();
        List<PolicyRule> parsed = values.parse(contents);
        synchronized (lock) {
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
