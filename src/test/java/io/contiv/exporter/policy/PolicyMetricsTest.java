package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.metrics.TenantFilter;
import io.contiv.exporter.support.ExpositionText;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PolicyMetricsTest {

    private static final PolicyCounters COUNTERS = new PolicyCounters(
            List.of(new PolicyCounters.RuleCounters(new RuleName("prod", "db", "db-ingress", "ping", "inRx"), "allow",
                            new CounterTotals(3, 294)),
                    new PolicyCounters.RuleCounters(new RuleName("prod", "web", "web-ingress", "no-db-ping", "inRx"),
                            "deny", new CounterTotals(5, 490))),
            Map.of("contivVxlanBridge", new CounterTotals(4, 392)),
            Map.of(new PolicyCounters.PolicyKey("prod", "db-ingress"), 1,
                    new PolicyCounters.PolicyKey("prod", "web-ingress"), 1),
            OptionalInt.of(1), OptionalInt.of(2));

    @Test
    void exposesEachRuleWithItsNamesAndTheInstallHealth() {
        String text = ExpositionText.text(new PolicyMetrics().snapshots(COUNTERS));
        Map<String, Double> samples = ExpositionText.samples(text);

        String ping = "{action=\"allow\",direction=\"inRx\",endpoint_group=\"db\",policy=\"db-ingress\","
                + "rule=\"ping\",tenant=\"prod\"}";
        String noDbPing = "{action=\"deny\",direction=\"inRx\",endpoint_group=\"web\",policy=\"web-ingress\","
                + "rule=\"no-db-ping\",tenant=\"prod\"}";
        assertThat(samples).containsEntry("contiv_policy_rule_packets_total" + ping, 3.0)
                .containsEntry("contiv_policy_rule_bytes_total" + ping, 294.0)
                .containsEntry("contiv_policy_rule_packets_total" + noDbPing, 5.0)
                .containsEntry("contiv_policy_rule_bytes_total" + noDbPing, 490.0)
                .containsEntry("contiv_policy_default_packets_total{bridge=\"contivVxlanBridge\"}", 4.0)
                .containsEntry("contiv_policy_default_bytes_total{bridge=\"contivVxlanBridge\"}", 392.0)
                .containsEntry("contiv_policy_rules{policy=\"db-ingress\",tenant=\"prod\"}", 1.0)
                .containsEntry("contiv_policy_rules_unmatched", 1.0)
                .containsEntry("contiv_policy_flows_unmatched", 2.0);
        assertThat(samples).hasSize(4 + 2 + 2 + 1 + 1);
        assertThat(text).contains("# TYPE contiv_policy_rule_packets_total counter")
                .contains("# TYPE contiv_policy_rules gauge");
    }

    @Test
    void exposesNoSeriesWhileNothingIsKnown() {
        // no 0 for rules_unmatched before the rules were read: unknown is not "all installed"
        String text = ExpositionText.text(new PolicyMetrics().snapshots(PolicyCounters.NONE));
        assertThat(ExpositionText.samples(text)).isEmpty();
    }

    @Test
    void leavesOutTheRulesAndPoliciesOfTenantsNotServed() {
        PolicyCounters twoTenants = new PolicyCounters(
                List.of(COUNTERS.rules().get(0), new PolicyCounters.RuleCounters(
                        new RuleName("kube-system", "dns", "dns-in", "udp53", "inRx"), "allow", new CounterTotals(9, 900))),
                COUNTERS.missByBridge(), Map.of(new PolicyCounters.PolicyKey("prod", "db-ingress"), 1,
                        new PolicyCounters.PolicyKey("kube-system", "dns-in"), 1), OptionalInt.of(0), OptionalInt.of(0));
        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(
                new PolicyMetrics(TenantFilter.of(null, "kube-.*")).snapshots(twoTenants)));
        assertThat(samples.keySet()).noneMatch(k -> k.contains("kube-system"));
        assertThat(samples).containsEntry("contiv_policy_rules{policy=\"db-ingress\",tenant=\"prod\"}", 1.0)
                .containsEntry("contiv_policy_default_packets_total{bridge=\"contivVxlanBridge\"}", 4.0)
                .hasSize(2 + 2 + 1 + 1 + 1);
    }
}
