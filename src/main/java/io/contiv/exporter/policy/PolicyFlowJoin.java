package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Joins policy rules to the flows of the policy table by priority and match, the only key there is: netplugin's
 * flow cookies are a counter of its own and name nothing. The table-miss flow (priority 1, empty match) is told
 * apart; a flow of another table is ignored.
 */
public final class PolicyFlowJoin {

    private PolicyFlowJoin() {
    }

    /**
     * @param rules       the rules from etcd
     * @param flowsByBridge the policy table of each bridge read
     */
    public static PolicyJoin join(Collection<PolicyRule> rules, Map<String, List<FlowStats>> flowsByBridge) {
        // Sorted by ID so that, should two rules ever expect the same flow, the same one wins on every scrape.
        Map<ExpectedFlow, PolicyRule> ruleByFlow = new HashMap<>();
        rules.stream().sorted(Comparator.comparing(PolicyRule::ruleId)).forEach(rule ->
                ExpectedFlow.of(rule).ifPresent(expected -> ruleByFlow.putIfAbsent(expected, rule)));

        List<RuleFlow> ruleFlows = new ArrayList<>();
        List<BridgeFlow> missFlows = new ArrayList<>();
        List<BridgeFlow> flowsWithoutRule = new ArrayList<>();
        Set<String> rulesSeen = new HashSet<>();
        for (Map.Entry<String, List<FlowStats>> bridge : flowsByBridge.entrySet()) {
            for (FlowStats flow : bridge.getValue()) {
                if (flow.tableId() != ExpectedFlow.POLICY_TABLE) {
                    continue;
                }
                if (flow.priority() == ExpectedFlow.MISS_PRIORITY && flow.match().isEmpty()) {
                    missFlows.add(new BridgeFlow(bridge.getKey(), flow));
                    continue;
                }
                Optional<PolicyRule> rule = Optional.ofNullable(
                        ruleByFlow.get(new ExpectedFlow(flow.priority(), flow.match())));
                if (rule.isPresent()) {
                    ruleFlows.add(new RuleFlow(rule.get(), bridge.getKey(), flow));
                    rulesSeen.add(rule.get().ruleId());
                } else {
                    flowsWithoutRule.add(new BridgeFlow(bridge.getKey(), flow));
                }
            }
        }
        List<PolicyRule> rulesWithoutFlow = rules.stream().filter(rule -> !rulesSeen.contains(rule.ruleId()))
                .sorted(Comparator.comparing(PolicyRule::ruleId)).toList();
        return new PolicyJoin(ruleFlows, rulesWithoutFlow, missFlows, flowsWithoutRule);
    }
}
