package io.contiv.exporter.policy;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.TenantFilter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Per-rule traffic of Contiv's policy table, its table-miss traffic, and the health of the install. The names are
 * the same in both naming schemes: the original exporter had no such metrics.
 */
public final class PolicyMetrics {

    private static final List<String> RULE_LABELS =
            List.of("tenant", "policy", "rule", "endpoint_group", "direction", "action");

    static final MetricFamily RULE_PACKETS = MetricFamily.counter("contiv_policy_rule_packets",
            "Packets that hit the flow of the policy rule on this node (allowed or dropped, as action says); kept "
                    + "monotonic across flow reinstalls.", RULE_LABELS);
    static final MetricFamily RULE_BYTES = MetricFamily.counter("contiv_policy_rule_bytes",
            "Bytes that hit the flow of the policy rule on this node; kept monotonic across flow reinstalls.",
            RULE_LABELS);
    static final MetricFamily DEFAULT_PACKETS = MetricFamily.counter("contiv_policy_default_packets",
            "Packets that matched no policy rule and took the policy table's default (priority 1) flow on to the "
                    + "next table.", List.of("bridge"));
    static final MetricFamily DEFAULT_BYTES = MetricFamily.counter("contiv_policy_default_bytes",
            "Bytes that matched no policy rule and took the policy table's default (priority 1) flow.",
            List.of("bridge"));
    static final MetricFamily RULES = MetricFamily.gauge("contiv_policy_rules",
            "Directional policy rules from etcd whose flow is installed on this node.", List.of("tenant", "policy"));
    static final MetricFamily RULES_UNMATCHED = MetricFamily.gauge("contiv_policy_rules_unmatched",
            "Directional policy rules in etcd with no flow on this node; above 0 for long means netplugin did not "
                    + "install them.", List.of());
    static final MetricFamily FLOWS_UNMATCHED = MetricFamily.gauge("contiv_policy_flows_unmatched",
            "Flows in the policy table (5) that match no rule in etcd and are not its default flow: stale or "
                    + "foreign flows.", List.of());
    static final List<MetricFamily> FAMILIES = List.of(RULE_PACKETS, RULE_BYTES, DEFAULT_PACKETS, DEFAULT_BYTES,
            RULES, RULES_UNMATCHED, FLOWS_UNMATCHED);

    private final TenantFilter tenants;

    public PolicyMetrics() {
        this(TenantFilter.ALL);
    }

    /** Serves the per-rule and per-policy series of the tenants {@code tenants} accepts. */
    public PolicyMetrics(TenantFilter tenants) {
        this.tenants = tenants;
    }

    public List<MetricSnapshot> snapshots(PolicyCounters counters) {
        Families families = new Families();
        for (PolicyCounters.RuleCounters rule : counters.rules()) {
            if (!tenants.test(rule.name().tenant())) {
                continue;
            }
            Labels labels = ruleLabels(rule.name(), rule.action());
            families.add(RULE_PACKETS, labels, rule.totals().packets());
            families.add(RULE_BYTES, labels, rule.totals().bytes());
        }
        for (Map.Entry<String, CounterTotals> miss : counters.missByBridge().entrySet()) {
            Labels labels = DEFAULT_PACKETS.labels(miss.getKey());
            families.add(DEFAULT_PACKETS, labels, miss.getValue().packets());
            families.add(DEFAULT_BYTES, labels, miss.getValue().bytes());
        }
        counters.installedRules().forEach((policy, count) -> {
            if (tenants.test(policy.tenant())) {
                families.add(RULES, RULES.labels(policy.tenant(), policy.policy()), count);
            }
        });
        counters.rulesWithoutFlow().ifPresent(count -> families.add(RULES_UNMATCHED, Labels.EMPTY, count));
        counters.flowsWithoutRule().ifPresent(count -> families.add(FLOWS_UNMATCHED, Labels.EMPTY, count));
        return families.build();
    }

    static Labels ruleLabels(RuleName name, String action) {
        return RULE_PACKETS.labels(name.tenant(), name.policy(), name.rule(), name.endpointGroup(), name.direction(),
                action);
    }
}
