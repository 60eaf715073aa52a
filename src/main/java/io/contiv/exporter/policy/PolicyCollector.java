package io.contiv.exporter.policy;

import io.contiv.exporter.Failures;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.contiv.exporter.openflow.OpenFlowException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Netplugin mode, policy visibility: on every scrape, the policy table of each Contiv bridge read over OpenFlow
 * (bounded by the source timeout) and joined to the rules watched in etcd; each scrape publishes anew, since the
 * switch's counters are read only then.
 */
public final class PolicyCollector implements PublishingCollector {

    private final PolicyRuleSource rules;
    private final PolicyTableReader tables;
    private final PolicyAccounting accounting;
    private final PolicyMetrics writer;
    private final SourceReporter openflow;
    private final Published published = new Published("policy");
    private PolicyCounters lastCounters;

    public PolicyCollector(PolicyRuleSource rules, PolicyTableReader tables, PolicyAccounting accounting,
                           PolicyMetrics writer, SourceReporter openflow) {
        this.rules = rules;
        this.tables = tables;
        this.accounting = accounting;
        this.writer = writer;
        this.openflow = openflow;
    }

    @Override
    public synchronized Publication publication() {
        Optional<PolicyRuleSource.Held> known = rules.current();
        SourceReporter.Attempt attempt = openflow.start();
        PolicyTableReader.Reading reading = tables.read();
        if (reading.failures().isEmpty()) {
            attempt.succeeded();
        } else {
            attempt.failed(new OpenFlowException(reading.failures().entrySet().stream()
                    .map(PolicyCollector::describe).collect(Collectors.joining("; "))));
        }
        // flows from groups with no endpoint here match nothing here, like the rules left out for that reason
        PolicyCounters counters = accounting.account(known.map(PolicyRuleSource.Held::rules),
                known.map(held -> held.flowsOfThisNode(reading.tables())).orElse(reading.tables()),
                reading.failures().keySet());
        lastCounters = counters;
        return published.publish(writer.snapshots(counters));
    }

    /**
     * The packets each deny rule dropped, as counted by the last scrape, by rule ({@code tenant:group:policy:rule:
     * direction}); empty before the first. Drops by reason count them as denied by policy.
     */
    public synchronized Optional<Map<String, Long>> deniedPacketsByRule() {
        if (lastCounters == null) {
            return Optional.empty();
        }
        Map<String, Long> denied = new HashMap<>();
        for (PolicyCounters.RuleCounters rule : lastCounters.rules()) {
            if ("deny".equals(rule.action())) {
                RuleName name = rule.name();
                denied.put(String.join(":", name.tenant(), name.endpointGroup(), name.policy(), name.rule(),
                        name.direction()), rule.totals().packets());
            }
        }
        return Optional.of(denied);
    }

    @Override
    public List<String> getPrometheusNames() {
        return PolicyMetrics.FAMILIES.stream().map(MetricFamily::prometheusName).toList();
    }

    private static String describe(Map.Entry<String, Exception> failure) {
        return failure.getKey() + ": " + Failures.describe(failure.getValue());
    }
}
