package io.contiv.exporter.collect;

import io.contiv.exporter.Failures;
import io.contiv.exporter.metrics.PolicyMetrics;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.openflow.OpenFlowException;
import io.contiv.exporter.policy.PolicyAccounting;
import io.contiv.exporter.policy.PolicyCounters;
import io.contiv.exporter.policy.PolicyRule;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Netplugin mode, policy visibility: on every scrape, the policy table of each Contiv bridge read over OpenFlow
 * (bounded by the source timeout) and joined to the rules watched in etcd. The exporter's health families come from
 * the endpoint collector; this one records the {@code openflow} source in the shared health.
 */
public final class PolicyCollector implements MultiCollector {

    private final PolicyRuleSource rules;
    private final PolicyTableReader tables;
    private final PolicyAccounting accounting;
    private final PolicyMetrics writer;
    private final SourceHealth health;

    public PolicyCollector(PolicyRuleSource rules, PolicyTableReader tables, PolicyAccounting accounting,
                           PolicyMetrics writer, SourceHealth health) {
        this.rules = rules;
        this.tables = tables;
        this.accounting = accounting;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        Optional<List<PolicyRule>> known = rules.current();
        long started = System.nanoTime();
        PolicyTableReader.Reading reading = tables.read();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (reading.failures().isEmpty()) {
            health.recordSuccess(Source.OPENFLOW, seconds);
        } else {
            health.recordFailure(Source.OPENFLOW, seconds, new OpenFlowException(reading.failures().entrySet()
                    .stream().map(PolicyCollector::describe).collect(Collectors.joining("; "))));
        }
        PolicyCounters counters = accounting.account(known, reading.tables(), reading.failures().keySet());
        return new MetricSnapshots(writer.snapshots(counters));
    }

    private static String describe(Map.Entry<String, Exception> failure) {
        return failure.getKey() + ": " + Failures.describe(failure.getValue());
    }
}
