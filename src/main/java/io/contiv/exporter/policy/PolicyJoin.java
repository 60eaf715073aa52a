package io.contiv.exporter.policy;

import java.util.List;

/**
 * Rules and policy-table flows put together: the rules that found their flow (once per bridge they are on), the
 * rules that found none on any bridge, each bridge's table-miss flow, and the flows that belong to no known rule.
 */
public record PolicyJoin(
        List<RuleFlow> ruleFlows,
        List<PolicyRule> rulesWithoutFlow,
        List<BridgeFlow> missFlows,
        List<BridgeFlow> flowsWithoutRule) {

    public PolicyJoin {
        ruleFlows = List.copyOf(ruleFlows);
        rulesWithoutFlow = List.copyOf(rulesWithoutFlow);
        missFlows = List.copyOf(missFlows);
        flowsWithoutRule = List.copyOf(flowsWithoutRule);
    }
}
