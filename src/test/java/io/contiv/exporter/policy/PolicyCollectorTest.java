package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.openflow.FlowStats;
import io.contiv.exporter.openflow.FlowStatsReply;
import io.contiv.exporter.openflow.OpenFlowException;
import io.contiv.exporter.openflow.OpenFlowMessage;
import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.CapturedPolicy;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.HealthValues;
import io.contiv.exporter.support.MapKeyReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyCollectorTest {

    private static final String PING = "{action=\"allow\",direction=\"inRx\",endpoint_group=\"db\","
            + "policy=\"db-ingress\",rule=\"ping\",tenant=\"prod\"}";

    private final HealthCollector health = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.OPENFLOW, Source.ETCD_POLICY_RULES));
    private final PolicyRuleSource rules = new PolicyRuleSource(Duration.ZERO, () -> Set.of(
            new PolicyRuleSource.LocalGroup("prod", "web", CapturedPolicy.WEB),
            new PolicyRuleSource.LocalGroup("prod", "db", CapturedPolicy.DB)));
    private final AtomicReference<PolicyTableReader.Reading> reading = new AtomicReference<>();
    private final PolicyCollector collector = new PolicyCollector(rules, reading::get,
            new PolicyAccounting(System::nanoTime), new PolicyMetrics(), health.reporter(Source.OPENFLOW));

    @Test
    void joinsTheRulesFromEtcdToTheTablesReadAndRecordsOpenflowAsUp() throws Exception {
        rules.resync(new MapKeyReader(PolicyRuleSource.POLICY_RULE_DIRECTORY, CapturedPolicy.etcdValues()), 42);
        reading.set(new PolicyTableReader.Reading(Map.of("contivVxlanBridge", capturedFlows()), Map.of()));

        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(collector.collect()));

        assertThat(samples).containsEntry("contiv_policy_rule_packets_total" + PING, 3.0)
                .containsEntry("contiv_policy_rules_unmatched", 1.0)
                .containsEntry("contiv_policy_flows_unmatched", 2.0)
                .containsEntry("contiv_policy_default_packets_total{bridge=\"contivVxlanBridge\"}", 4.0);
        assertThat(HealthValues.isUp(health, Source.OPENFLOW)).isTrue();
    }

    @Test
    void aSwitchThatCannotBeReadIsReportedAndItsCountersHoldStill() throws Exception {
        rules.resync(new MapKeyReader(PolicyRuleSource.POLICY_RULE_DIRECTORY, CapturedPolicy.etcdValues()), 42);
        reading.set(new PolicyTableReader.Reading(Map.of("contivVxlanBridge", capturedFlows()), Map.of()));
        collector.collect();

        reading.set(new PolicyTableReader.Reading(Map.of(),
                Map.of("contivVxlanBridge", new OpenFlowException("timed out reading from x.mgmt"))));
        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(collector.collect()));

        assertThat(HealthValues.isUp(health, Source.OPENFLOW)).isFalse();
        assertThat(samples).containsEntry("contiv_policy_rule_packets_total" + PING, 3.0)
                .doesNotContainKey("contiv_policy_rules_unmatched");
    }

    @Test
    void valuesThatAreNotRulesAreSkipped() throws Exception {
        rules.resync(new MapKeyReader(PolicyRuleSource.POLICY_RULE_DIRECTORY, Map.of(
                "/contiv.io/state/policyRule/prod:db:x", "garbage",
                "/contiv.io/state/policyRule/" + CapturedPolicy.PING, CapturedPolicy.rules().get(0).json())), 7);
        assertThat(rules.current()).hasValueSatisfying(held -> assertThat(held.rules()).hasSize(1));
    }

    private static List<FlowStats> capturedFlows() throws Exception {
        List<byte[]> messages = CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES);
        List<FlowStats> flows = new ArrayList<>();
        for (byte[] message : messages.subList(1, messages.size())) {
            flows.addAll(FlowStatsReply.decode(OpenFlowMessage.decode(message)).flows());
        }
        return flows;
    }
}
