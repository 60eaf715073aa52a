package io.contiv.exporter.metrics;

import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.policy.CounterTotals;
import io.contiv.exporter.policy.PolicyCounters;
import io.contiv.exporter.policy.RuleName;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-rule traffic of Contiv's policy table, its table-miss traffic, and the health of the install. The names are
 * the same in both naming schemes: the original exporter had no such metrics.
 */
public final class PolicyMetrics {

    static final String[] RULE_LABELS = {"tenant", "policy", "rule", "endpoint_group", "direction", "action"};

    private static final String RULE_PACKETS = "contiv_policy_rule_packets";
    private static final String RULE_BYTES = "contiv_policy_rule_bytes";
    private static final String DEFAULT_PACKETS = "contiv_policy_default_packets";
    private static final String DEFAULT_BYTES = "contiv_policy_default_bytes";
    private static final String RULES = "contiv_policy_rules";
    private static final String RULES_UNMATCHED = "contiv_policy_rules_unmatched";
    private static final String FLOWS_UNMATCHED = "contiv_policy_flows_unmatched";

    private static final String RULE_PACKETS_HELP = "Packets that hit the flow of the policy rule on this node "
            + "(allowed or dropped, as action says); kept monotonic across flow reinstalls.";
    private static final String RULE_BYTES_HELP = "Bytes that hit the flow of the policy rule on this node; kept "
            + "monotonic across flow reinstalls.";
    private static final String DEFAULT_PACKETS_HELP = "Packets that matched no policy rule and took the policy "
            + "table's default (priority 1) flow on to the next table.";
    private static final String DEFAULT_BYTES_HELP = "Bytes that matched no policy rule and took the policy table's "
            + "default (priority 1) flow.";
    private static final String RULES_HELP = "Directional policy rules from etcd whose flow is installed on this node.";
    private static final String RULES_UNMATCHED_HELP = "Directional policy rules in etcd with no flow on this node; "
            + "above 0 for long means netplugin did not install them.";
    private static final String FLOWS_UNMATCHED_HELP = "Flows in the policy table (5) that match no rule in etcd and "
            + "are not its default flow: stale or foreign flows.";

    public List<MetricSnapshot> snapshots(PolicyCounters counters) {
        SnapshotBuilders families = new SnapshotBuilders();
        for (PolicyCounters.RuleCounters rule : counters.rules()) {
            Labels labels = ruleLabels(rule.name(), rule.action());
            families.add(Kind.COUNTER, RULE_PACKETS, RULE_PACKETS_HELP, labels, rule.totals().packets());
            families.add(Kind.COUNTER, RULE_BYTES, RULE_BYTES_HELP, labels, rule.totals().bytes());
        }
        for (Map.Entry<String, CounterTotals> miss : counters.missByBridge().entrySet()) {
            Labels labels = Labels.of("bridge", miss.getKey());
            families.add(Kind.COUNTER, DEFAULT_PACKETS, DEFAULT_PACKETS_HELP, labels, miss.getValue().packets());
            families.add(Kind.COUNTER, DEFAULT_BYTES, DEFAULT_BYTES_HELP, labels, miss.getValue().bytes());
        }
        counters.installedRules().forEach((policy, count) -> families.add(Kind.GAUGE, RULES, RULES_HELP,
                Labels.of("tenant", policy.tenant(), "policy", policy.policy()), count));
        counters.rulesWithoutFlow().ifPresent(count -> families.add(Kind.GAUGE, RULES_UNMATCHED,
                RULES_UNMATCHED_HELP, Labels.EMPTY, count));
        counters.flowsWithoutRule().ifPresent(count -> families.add(Kind.GAUGE, FLOWS_UNMATCHED,
                FLOWS_UNMATCHED_HELP, Labels.EMPTY, count));
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }

    static Labels ruleLabels(RuleName name, String action) {
        return Labels.of(RULE_LABELS, new String[] {
            name.tenant(), name.policy(), name.rule(), name.endpointGroup(), name.direction(), action});
    }
}
