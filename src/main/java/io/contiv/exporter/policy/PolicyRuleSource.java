package io.contiv.exporter.policy;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EtcdException;
import io.contiv.exporter.etcd.KeyReader;
import io.contiv.exporter.etcd.WatchedDirectory;
import io.contiv.exporter.openflow.FlowStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The directional policy rules netmaster keeps in etcd that can match traffic on this node, kept current by an
 * {@code EtcdDirectoryWatch}. Netplugin installs every rule on every node, but enforces them where traffic enters the
 * switch, on the sender's node (ofnet bypasses the policy table for traffic arriving from a tunnel). So a rule matters
 * here when its source can be an endpoint of this node: a {@code ...Tx} rule (the group it is attached to is the
 * source) of a group present here, which its key tells before any parse; a {@code ...Rx} rule (the attached group is
 * the destination) whose source group is present here or any group, which its value tells. Flows whose source group
 * has no endpoint here are left out of the join the same way.
 *
 * <p>Groups present here come from the endpoint directory; a group that leaves keeps its rules for
 * {@value #GROUP_GRACE_MINUTES} minutes (pods come and go), and one that arrives has the rule directory read again,
 * filtered by key: the only way to find rules whose keys are unknown. Until the first read the rules are unknown (not
 * "none"), so that a scrape does not report every flow as matching no rule; after that, the last good state stays
 * while etcd is away.
 */
public final class PolicyRuleSource implements WatchedDirectory {

    public static final String POLICY_RULE_DIRECTORY = "/contiv.io/state/policyRule";
    static final int GROUP_GRACE_MINUTES = 10;
    private static final long GROUP_GRACE_NANOS = GROUP_GRACE_MINUTES * 60_000_000_000L;
    private static final Logger LOG = ExporterLogs.logger(PolicyRuleSource.class);

    /** An endpoint group with endpoints on this node: its tenant, name and netmaster's numeric ID (0 if unknown). */
    public record LocalGroup(String tenant, String group, long id) {
        String key() {
            return tenant + ":" + group;
        }
    }

    /** The rules held, and the groups they were chosen for. */
    public record Held(List<PolicyRule> rules, Set<Long> localGroupIds) {
        public Held {
            rules = List.copyOf(rules);
            localGroupIds = Set.copyOf(localGroupIds);
        }

        /** Each bridge's flows without those whose source group has no endpoint on this node. */
        public Map<String, List<FlowStats>> flowsOfThisNode(Map<String, List<FlowStats>> tables) {
            Map<String, List<FlowStats>> kept = new LinkedHashMap<>();
            tables.forEach((bridge, flows) -> kept.put(bridge, flows.stream().filter(flow -> {
                int source = flow.match().metadata().map(ExpectedFlow::sourceGroup).orElse(0);
                return source == 0 || localGroupIds.contains((long) source);
            }).toList()));
            return kept;
        }
    }

    private record Rule(long index, PolicyRule rule) {
    }

    private final FirstAttempt firstAttempt;
    private final Supplier<Set<LocalGroup>> localGroups;
    private volatile Runnable waker = () -> { };
    private Set<LocalGroup> lastSeen;

    // the watch thread's own
    private final Map<String, Rule> held = new HashMap<>();
    private final Map<String, Long> gone = new HashMap<>();
    private final Map<LocalGroup, Long> departed = new HashMap<>();
    private Set<LocalGroup> present = Set.of();
    private Set<String> groupKeys = Set.of();
    private Set<Long> groupIds = Set.of();
    private int unreadable;

    private final Object lock = new Object();
    private Held current;

    /** @param localGroups the endpoint groups with endpoints on this node now */
    public PolicyRuleSource(Duration firstReadWait, Supplier<Set<LocalGroup>> localGroups) {
        this(FirstAttempt.alone("etcd_policy_rules", firstReadWait), localGroups);
    }

    /**
     * @param firstRead   what a scrape waits on before the rules are known
     * @param localGroups the endpoint groups with endpoints on this node now
     */
    public PolicyRuleSource(FirstAttempt firstRead, Supplier<Set<LocalGroup>> localGroups) {
        this.firstAttempt = firstRead;
        this.localGroups = localGroups;
    }

    /** How to get {@link #pending} called on the watch's thread: the watch's {@code wake}. */
    public void wakeWith(Runnable wake) {
        this.waker = wake;
    }

    /**
     * The rules held now; the first call waits a little for the first read. Empty when none was read yet. Notices
     * when the groups present on this node changed, and has the rules follow.
     */
    public Optional<Held> current() {
        firstAttempt.await();
        Set<LocalGroup> now = localGroups.get();
        synchronized (lock) {
            if (!now.equals(lastSeen)) {
                lastSeen = now;
                waker.run();
            }
            return Optional.ofNullable(current);
        }
    }

    // ---- WatchedDirectory, on the watch's thread

    @Override
    public boolean concerns(String name, byte[] rawEvent) {
        if (held.containsKey(name)) {
            return true;
        }
        RuleName rule = RuleName.parse(name);
        return groupKeys.contains(rule.tenant() + ":" + rule.endpointGroup()) || rule.groupIsDestination();
    }

    @Override
    public void changed(String name, String value, long modifiedIndex) {
        if (apply(name, value, modifiedIndex)) {
            publish();
        }
    }

    @Override
    public void resync(KeyReader reader, long etcdIndex) throws EtcdException {
        choose(localGroups.get());
        readAll(reader);
        firstAttempt.done();
    }

    @Override
    public void pending(KeyReader reader) throws EtcdException {
        Set<String> keysBefore = groupKeys;
        Set<Long> idsBefore = groupIds;
        choose(localGroups.get());
        if (!keysBefore.containsAll(groupKeys) || !idsBefore.containsAll(groupIds)) {
            // a group arrived: its rules, and the rules from it, have keys nobody told us
            readAll(reader);
        } else if (held.entrySet().removeIf(e -> !relevant(e.getKey(), e.getValue().rule()))) {
            publish();
        }
    }

    @Override
    public void failed(Exception failure) {
        firstAttempt.done();
    }

    /** The groups rules are kept for: those present, and those that left less than the grace period ago. */
    private void choose(Set<LocalGroup> now) {
        long clock = System.nanoTime();
        for (LocalGroup group : present) {
            if (!now.contains(group)) {
                departed.putIfAbsent(group, clock);
            }
        }
        now.forEach(departed::remove);
        departed.values().removeIf(left -> clock - left > GROUP_GRACE_NANOS);
        present = Set.copyOf(now);
        Set<String> keys = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        for (LocalGroup group : concat(present, departed.keySet())) {
            keys.add(group.key());
            if (group.id() != 0) {
                ids.add(group.id());
            }
        }
        groupKeys = Set.copyOf(keys);
        groupIds = Set.copyOf(ids);
    }

    private static List<LocalGroup> concat(Set<LocalGroup> a, Set<LocalGroup> b) {
        List<LocalGroup> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Reads the rule directory, decoding only the values of keys that may concern this node. */
    private void readAll(KeyReader reader) throws EtcdException {
        KeyReader.Listing listing = reader.list(POLICY_RULE_DIRECTORY, name -> concerns(name, null));
        Map<String, Rule> fresh = new HashMap<>();
        int bad = 0;
        for (KeyReader.Listed child : listing.children()) {
            if (child.value() == null) {
                continue;
            }
            Optional<PolicyRule> rule = PolicyRule.parse(child.value());
            if (rule.isEmpty()) {
                bad++;
            } else if (relevant(child.name(), rule.get())) {
                fresh.put(child.name(), new Rule(child.modifiedIndex(), rule.get()));
            }
        }
        noteUnreadable(bad);
        held.clear();
        held.putAll(fresh);
        gone.clear();
        publish();
    }

    private boolean apply(String name, String value, long index) {
        Rule known = held.get(name);
        if (known != null && known.index() >= index) {
            return false;
        }
        if (value == null) {
            gone.put(name, index);
            return held.remove(name) != null;
        }
        if (gone.getOrDefault(name, -1L) >= index) {
            return false;
        }
        gone.remove(name);
        Optional<PolicyRule> rule = PolicyRule.parse(value);
        if (rule.isEmpty()) {
            LOG.warn("the value of {}/{} is not a policy rule; skipped", POLICY_RULE_DIRECTORY, name);
            return held.remove(name) != null;
        }
        if (!relevant(name, rule.get())) {
            return held.remove(name) != null;
        }
        held.put(name, new Rule(index, rule.get()));
        return true;
    }

    /** Whether the rule's source can be an endpoint of this node (see the class comment). */
    private boolean relevant(String name, PolicyRule rule) {
        RuleName ruleName = RuleName.parse(name);
        if (groupKeys.contains(ruleName.tenant() + ":" + ruleName.endpointGroup())) {
            return true;
        }
        return ruleName.groupIsDestination()
                && (rule.srcEndpointGroup() == 0 || groupIds.contains((long) rule.srcEndpointGroup()));
    }

    private void noteUnreadable(int bad) {
        if (bad > 0 && bad != unreadable) {
            LOG.warn("{} values under {} are not policy rules and were skipped", bad, POLICY_RULE_DIRECTORY);
        }
        unreadable = bad;
    }

    private void publish() {
        Held fresh = new Held(held.values().stream().map(Rule::rule).toList(), groupIds);
        synchronized (lock) {
            current = fresh;
        }
    }
}
