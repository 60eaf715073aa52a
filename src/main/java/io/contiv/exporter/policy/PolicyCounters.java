package io.contiv.exporter.policy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What one scrape exposes about policy: each installed rule's traffic (summed over the bridges it is on), each
 * bridge's table-miss traffic, how many rules of each policy are installed, and the two signs of a broken install.
 * The rule-level figures are empty when the rules or the flows could not be read at all.
 */
public record PolicyCounters(
        List<RuleCounters> rules,
        Map<String, CounterTotals> missByBridge,
        Map<PolicyKey, Integer> installedRules,
        OptionalInt rulesWithoutFlow,
        OptionalInt flowsWithoutRule) {

    public static final PolicyCounters NONE = new PolicyCounters(List.of(), Map.of(), Map.of(), OptionalInt.empty(),
            OptionalInt.empty());

    public PolicyCounters {
        rules = List.copyOf(rules);
        missByBridge = Map.copyOf(missByBridge);
        installedRules = Map.copyOf(installedRules);
    }

    /** One rule's counters and the names it is shown under. */
    public record RuleCounters(RuleName name, String action, CounterTotals totals) {
    }

    /** A policy of a tenant. */
    public record PolicyKey(String tenant, String policy) {
    }
}
