package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.openflow.FlowStats;
import io.contiv.exporter.openflow.FlowStatsReply;
import io.contiv.exporter.openflow.OpenFlowMessage;
import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.CapturedPolicy;
import io.contiv.exporter.support.PolicyRuleJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules of the captured pipeline joined to the flows a real ovs-vswitchd reported for them. */
class PolicyFlowJoinTest {

    private static final String BRIDGE = "contivVxlanBridge";

    @Test
    void everyInstalledRuleFindsItsFlowByPriorityAndMatch() throws Exception {
        PolicyJoin join = PolicyFlowJoin.join(rules(), Map.of(BRIDGE, capturedFlows()));

        assertThat(join.ruleFlows()).hasSize(7 + 2 * CapturedPolicy.BULK_RULES);
        Map<String, FlowStats> byRule = join.ruleFlows().stream()
                .collect(Collectors.toMap(rf -> rf.rule().ruleId(), RuleFlow::flow));
        assertThat(byRule.get(CapturedPolicy.PING).cookie()).isEqualTo(0x2a);
        assertThat(byRule.get(CapturedPolicy.PING).packetCount()).isEqualTo(3);
        assertThat(byRule.get(CapturedPolicy.NO_DB_PING).cookie()).isEqualTo(0x2b);
        assertThat(byRule.get(CapturedPolicy.NO_DB_PING).packetCount()).isEqualTo(5);
        assertThat(byRule.get(PolicyRuleJson.ruleId("prod", "db", "db-ingress", "postgres", "inRx")).cookie())
                .isEqualTo(0x2c);
        assertThat(byRule.get(PolicyRuleJson.ruleId("prod", "db", "db-ingress", "postgres", "inTx")).cookie())
                .isEqualTo(0x2d);
        assertThat(byRule.get(PolicyRuleJson.ruleId("prod", "db", "db-ingress", "web-syn", "inRx")).cookie())
                .isEqualTo(0x2e);
        assertThat(byRule.get(PolicyRuleJson.ruleId("prod", "web", "web-egress", "dns", "outRx")).cookie())
                .isEqualTo(0x2f);
        assertThat(byRule.get(PolicyRuleJson.ruleId("prod", "web", "web-egress", "dns", "outTx")).cookie())
                .isEqualTo(0x30);
        assertThat(join.ruleFlows()).allSatisfy(rf -> {
            assertThat(rf.bridge()).isEqualTo(BRIDGE);
            assertThat(rf.flow().hasInstructions()).isEqualTo(rf.rule().action().equals("allow"));
        });
    }

    @Test
    void setsApartTheMissFlowTheRuleWithoutFlowAndTheForeignFlows() throws Exception {
        PolicyJoin join = PolicyFlowJoin.join(rules(), Map.of(BRIDGE, capturedFlows()));

        assertThat(join.missFlows()).singleElement().satisfies(miss -> {
            assertThat(miss.flow().priority()).isEqualTo(1);
            assertThat(miss.flow().packetCount()).isEqualTo(4);
        });
        assertThat(join.rulesWithoutFlow()).extracting(PolicyRule::ruleId).containsExactly(CapturedPolicy.REDIS);
        assertThat(join.flowsWithoutRule()).extracting(bf -> bf.flow().priority()).containsExactlyInAnyOrder(30, 31);
    }

    @Test
    void withoutRulesEveryFlowButTheMissFlowIsForeign() throws Exception {
        PolicyJoin join = PolicyFlowJoin.join(List.of(), Map.of(BRIDGE, capturedFlows()));
        assertThat(join.ruleFlows()).isEmpty();
        assertThat(join.flowsWithoutRule()).hasSize(capturedFlows().size() - 1);
    }

    @Test
    void aRuleOnTwoBridgesJoinsOnEach() throws Exception {
        List<FlowStats> flows = capturedFlows();
        PolicyJoin join = PolicyFlowJoin.join(rules(), Map.of(BRIDGE, flows, "contivVlanBridge", flows));
        assertThat(join.ruleFlows()).filteredOn(rf -> rf.rule().ruleId().equals(CapturedPolicy.PING))
                .extracting(RuleFlow::bridge).containsExactlyInAnyOrder(BRIDGE, "contivVlanBridge");
        assertThat(join.missFlows()).hasSize(2);
    }

    @Test
    void aChangedRuleNoLongerMatchesTheOldFlow() throws Exception {
        List<PolicyRule> rules = new ArrayList<>(rules());
        rules.removeIf(rule -> rule.ruleId().equals(CapturedPolicy.PING));
        rules.add(PolicyRule.parse(PolicyRuleJson.rule(CapturedPolicy.PING, 6, "allow")
                .groups(CapturedPolicy.WEB, CapturedPolicy.DB).protocol(1).json()).orElseThrow());
        PolicyJoin join = PolicyFlowJoin.join(rules, Map.of(BRIDGE, capturedFlows()));
        assertThat(join.rulesWithoutFlow()).extracting(PolicyRule::ruleId)
                .contains(CapturedPolicy.PING);
        assertThat(join.flowsWithoutRule()).extracting(bf -> bf.flow().cookie()).contains(0x2aL);
    }

    static List<PolicyRule> rules() {
        return CapturedPolicy.rules().stream().map(r -> PolicyRule.parse(r.json()).orElseThrow()).toList();
    }

    static List<FlowStats> capturedFlows() throws Exception {
        List<byte[]> messages = CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES);
        List<FlowStats> flows = new ArrayList<>();
        for (byte[] message : messages.subList(1, messages.size())) {
            flows.addAll(FlowStatsReply.decode(OpenFlowMessage.decode(message)).flows());
        }
        return flows;
    }
}
