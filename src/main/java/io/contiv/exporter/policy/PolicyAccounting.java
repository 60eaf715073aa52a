package io.contiv.exporter.policy;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.openflow.FlowStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Turns each scrape's rules and policy tables into the counters to expose, remembering what it needs between
 * scrapes: every rule's and every bridge's counter offsets across flow reinstalls, and their last totals for a
 * bridge that could not be read this time (its counters hold still rather than drop out of a sum).
 */
public final class PolicyAccounting {

    private static final Logger LOG = ExporterLogs.logger(PolicyAccounting.class);
    private static final int MAX_FLOWS_LOGGED = 10;

    private record RuleOnBridge(String ruleId, String bridge) {
    }

    private final CounterContinuity<RuleOnBridge> ruleCounters;
    private final CounterContinuity<String> missCounters;
    private Set<String> lastUnmatchedFlows = Set.of();
    private int lastRulesWithoutFlow = -1;

    public PolicyAccounting(LongSupplier nanoClock) {
        this.ruleCounters = new CounterContinuity<>(nanoClock);
        this.missCounters = new CounterContinuity<>(nanoClock);
    }

    /**
     * @param rules      the rules from etcd, empty when they were never read
     * @param tables     the policy table of each bridge read now
     * @param unreadable bridges whose table could not be read now
     */
    public synchronized PolicyCounters account(Optional<? extends Collection<PolicyRule>> rules,
                                               Map<String, List<FlowStats>> tables, Set<String> unreadable) {
        Collection<PolicyRule> known = rules.isPresent() ? rules.get() : List.of();
        PolicyJoin join = PolicyFlowJoin.join(known, tables);

        Map<String, CounterTotals> ruleTotals = new TreeMap<>();
        for (RuleFlow ruleFlow : join.ruleFlows()) {
            CounterTotals totals = ruleCounters.update(
                    new RuleOnBridge(ruleFlow.rule().ruleId(), ruleFlow.bridge()), ruleFlow.flow());
            ruleTotals.merge(ruleFlow.rule().ruleId(), totals, CounterTotals::plus);
        }
        for (RuleOnBridge key : ruleCounters.keys()) {
            if (unreadable.contains(key.bridge())) {
                ruleCounters.last(key).ifPresent(last -> ruleTotals.merge(key.ruleId(), last, CounterTotals::plus));
            }
        }
        Map<String, CounterTotals> missTotals = new TreeMap<>();
        for (BridgeFlow miss : join.missFlows()) {
            missTotals.merge(miss.bridge(), missCounters.update(miss.bridge(), miss.flow()), CounterTotals::plus);
        }
        for (String bridge : unreadable) {
            missCounters.last(bridge).ifPresent(last -> missTotals.putIfAbsent(bridge, last));
        }
        if (rules.isPresent()) {
            Set<String> ruleIds = new HashSet<>();
            known.forEach(rule -> ruleIds.add(rule.ruleId()));
            ruleCounters.retainIf(key -> ruleIds.contains(key.ruleId()));
        }

        List<PolicyCounters.RuleCounters> ruleSeries = new ArrayList<>();
        Map<PolicyCounters.PolicyKey, Integer> installed = new LinkedHashMap<>();
        known.stream().sorted(Comparator.comparing(PolicyRule::ruleId)).forEach(rule -> {
            CounterTotals totals = ruleTotals.get(rule.ruleId());
            if (totals != null) {
                RuleName name = rule.name();
                ruleSeries.add(new PolicyCounters.RuleCounters(name, rule.action(), totals));
                installed.merge(new PolicyCounters.PolicyKey(name.tenant(), name.policy()), 1, Integer::sum);
            }
        });
        boolean complete = rules.isPresent() && !tables.isEmpty();
        int rulesWithoutFlow = known.size() - ruleSeries.size();
        if (complete) {
            noticeBrokenInstall(join, rulesWithoutFlow, GroupNames.fromRules(known));
        }
        return new PolicyCounters(ruleSeries, missTotals, complete ? installed : Map.of(),
                complete ? OptionalInt.of(rulesWithoutFlow) : OptionalInt.empty(),
                complete ? OptionalInt.of(join.flowsWithoutRule().size()) : OptionalInt.empty());
    }

    /** Logs when the set of flows without a rule, or the number of rules without a flow, changes; not every scrape. */
    private void noticeBrokenInstall(PolicyJoin join, int rulesWithoutFlow, GroupNames groups) {
        Set<String> unmatched = new HashSet<>();
        int logged = 0;
        for (BridgeFlow flow : join.flowsWithoutRule()) {
            String key = flow.bridge() + " priority " + flow.flow().priority() + " " + flow.flow().match();
            unmatched.add(key);
            if (!lastUnmatchedFlows.contains(key) && logged++ < MAX_FLOWS_LOGGED) {
                LOG.info("policy table flow matches no rule in etcd: {} ({})", key,
                        groups.describe(flow.flow().match()));
            }
        }
        if (logged > MAX_FLOWS_LOGGED) {
            LOG.info("... and {} more policy table flows that match no rule in etcd", logged - MAX_FLOWS_LOGGED);
        }
        lastUnmatchedFlows = Set.copyOf(unmatched);
        if (rulesWithoutFlow != lastRulesWithoutFlow) {
            // a rule without a series has no flow on any bridge read, so the join lists it
            if (rulesWithoutFlow > 0 && !join.rulesWithoutFlow().isEmpty()) {
                LOG.info("policy rules in etcd without a flow on this node: {}, e.g. {}", rulesWithoutFlow,
                        join.rulesWithoutFlow().get(0).ruleId());
            }
            lastRulesWithoutFlow = rulesWithoutFlow;
        }
    }
}
