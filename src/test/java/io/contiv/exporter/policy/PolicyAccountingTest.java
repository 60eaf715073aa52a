package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.openflow.FlowStats;
import io.contiv.exporter.support.CapturedPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PolicyAccountingTest {

    private static final String VXLAN = "contivVxlanBridge";
    private static final String VLAN = "contivVlanBridge";

    private final AtomicLong now = new AtomicLong(5_000_000_000_000L);
    private final PolicyAccounting accounting = new PolicyAccounting(now::get);

    @Test
    void countsEachInstalledRuleTheMissFlowAndTheSignsOfABrokenInstall() throws Exception {
        PolicyCounters counters = accounting.account(Optional.of(PolicyFlowJoinTest.rules()),
                Map.of(VXLAN, PolicyFlowJoinTest.capturedFlows()), Set.of());

        assertThat(counters.rules()).hasSize(7 + 2 * CapturedPolicy.BULK_RULES);
        assertThat(counters.rules()).filteredOn(r -> r.name().rule().equals("ping")).singleElement()
                .isEqualTo(new PolicyCounters.RuleCounters(
                        new RuleName("prod", "db", "db-ingress", "ping", "inRx"), "allow", new CounterTotals(3, 294)));
        assertThat(counters.rules()).filteredOn(r -> r.name().rule().equals("no-db-ping")).singleElement()
                .isEqualTo(new PolicyCounters.RuleCounters(
                        new RuleName("prod", "web", "web-ingress", "no-db-ping", "inRx"), "deny",
                        new CounterTotals(5, 490)));
        assertThat(counters.missByBridge()).isEqualTo(Map.of(VXLAN, new CounterTotals(4, 392)));
        assertThat(counters.installedRules()).isEqualTo(Map.of(
                new PolicyCounters.PolicyKey("prod", "db-ingress"), 4,
                new PolicyCounters.PolicyKey("prod", "web-ingress"), 1,
                new PolicyCounters.PolicyKey("prod", "web-egress"), 2,
                new PolicyCounters.PolicyKey("prod", "bulk"), 2 * CapturedPolicy.BULK_RULES));
        assertThat(counters.rulesWithoutFlow()).isEqualTo(OptionalInt.of(1));
        assertThat(counters.flowsWithoutRule()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void beforeTheRulesAreKnownOnlyTheMissFlowIsCounted() throws Exception {
        PolicyCounters counters = accounting.account(Optional.empty(),
                Map.of(VXLAN, PolicyFlowJoinTest.capturedFlows()), Set.of());
        assertThat(counters.rules()).isEmpty();
        assertThat(counters.missByBridge()).containsKey(VXLAN);
        assertThat(counters.rulesWithoutFlow()).isEmpty();
        assertThat(counters.flowsWithoutRule()).isEmpty();
        assertThat(counters.installedRules()).isEmpty();
    }

    @Test
    void sumsARuleOverBridgesAndHoldsABridgeThatCouldNotBeReadStill() throws Exception {
        List<FlowStats> flows = PolicyFlowJoinTest.capturedFlows();
        Optional<List<PolicyRule>> rules = Optional.of(PolicyFlowJoinTest.rules());
        PolicyCounters both = accounting.account(rules, Map.of(VXLAN, flows, VLAN, flows), Set.of());
        assertThat(ping(both)).isEqualTo(new CounterTotals(6, 588));
        assertThat(both.missByBridge()).containsOnlyKeys(VXLAN, VLAN);

        // the same capture again, so no time passes: its durations say the flows have not aged
        PolicyCounters oneDown = accounting.account(rules, Map.of(VXLAN, flows), Set.of(VLAN));
        assertThat(ping(oneDown)).as("the unread bridge's last count stays in the sum").isEqualTo(ping(both));
        assertThat(oneDown.missByBridge()).containsEntry(VLAN, new CounterTotals(4, 392));

        PolicyCounters allDown = accounting.account(rules, Map.of(), Set.of(VXLAN, VLAN));
        assertThat(ping(allDown)).isEqualTo(ping(both));
        assertThat(allDown.rulesWithoutFlow()).as("nothing was read: no verdict on the install").isEmpty();
    }

    @Test
    void forgetsTheCountersOfARuleDeletedFromEtcd() throws Exception {
        List<FlowStats> flows = PolicyFlowJoinTest.capturedFlows();
        accounting.account(Optional.of(PolicyFlowJoinTest.rules()), Map.of(VXLAN, flows), Set.of());
        List<PolicyRule> withoutPing = PolicyFlowJoinTest.rules().stream()
                .filter(rule -> !rule.ruleId().equals(CapturedPolicy.PING)).toList();
        PolicyCounters counters = accounting.account(Optional.of(withoutPing), Map.of(VXLAN, flows), Set.of());
        assertThat(counters.rules()).noneMatch(r -> r.name().rule().equals("ping"));
        assertThat(counters.flowsWithoutRule()).isEqualTo(OptionalInt.of(3));
    }

    private static CounterTotals ping(PolicyCounters counters) {
        return counters.rules().stream().filter(r -> r.name().rule().equals("ping")).findFirst().orElseThrow()
                .totals();
    }
}
