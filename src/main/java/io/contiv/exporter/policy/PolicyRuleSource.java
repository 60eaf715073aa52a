package io.contiv.exporter.policy;

import io.contiv.exporter.etcd.DirectoryValues;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import java.util.List;
import java.util.Optional;

/**
 * The directional policy rules netmaster keeps in etcd, mirrored by a watch. Until the first read the rules are
 * unknown (not "none"), so that a scrape does not report every flow as matching no rule; after that, the last good
 * state stays while etcd is away.
 */
public final class PolicyRuleSource {

    public static final String POLICY_RULE_DIRECTORY = "/contiv.io/state/policyRule";

    private final FirstAttempt firstAttempt;
    private final Object lock = new Object();
    private List<PolicyRule> rules;
    private final DirectoryValues<PolicyRule> values =
            new DirectoryValues<>(PolicyRule::parse, POLICY_RULE_DIRECTORY, "policy rules");

    /** @param firstRead what a scrape waits on before the rules are known (not "none") */
    public PolicyRuleSource(FirstAttempt firstRead) {
        this.firstAttempt = firstRead;
    }

    /** Feed for {@link EtcdDirectoryWatch}: a new state of the rule directory. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        List<PolicyRule> parsed = values.parse(contents);
        synchronized (lock) {
            rules = List.copyOf(parsed);
        }
        firstAttempt.done();
    }

    /** Feed for {@link EtcdDirectoryWatch}: the watch lost etcd and will retry. */
    public void failed(Exception failure) {
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
