package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.openflow.FlowMatch;
import io.contiv.exporter.openflow.MaskedValue;
import io.contiv.exporter.support.PolicyRuleJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyRuleTest {

    @Test
    void readsNetmastersStoredRuleWithGoFieldNames() {
        String stored = "{\"id\":\"t:g:t:p:t:p:r:inRx\",\"RuleId\":\"t:g:t:p:t:p:r:inRx\",\"Priority\":7,"
                + "\"SrcEndpointGroup\":3,\"DstEndpointGroup\":4,\"SrcIpAddr\":\"10.1.0.0/16\",\"DstIpAddr\":\"\","
                + "\"IpProtocol\":6,\"SrcPort\":0,\"DstPort\":443,\"TcpFlags\":\"\",\"Action\":\"deny\","
                + "\"SomethingNew\":true}";
        PolicyRule rule = PolicyRule.parse(stored).orElseThrow();
        assertThat(rule).isEqualTo(new PolicyRule("t:g:t:p:t:p:r:inRx", 7, 3, 4, "10.1.0.0/16", "", 6, 0, 443, "",
                "deny"));
    }

    @Test
    void missingFieldsAreZeroOrEmptyAndAValueWithoutRuleIdIsNoRule() {
        PolicyRule rule = PolicyRule.parse("{\"RuleId\":\"x\"}").orElseThrow();
        assertThat(rule.srcIpAddr()).isEmpty();
        assertThat(rule.action()).isEmpty();
        assertThat(rule.priority()).isZero();
        assertThat(PolicyRule.parse("{\"Priority\":1}")).isEmpty();
        assertThat(PolicyRule.parse("not json")).isEmpty();
        assertThat(PolicyRule.parse("null")).isEmpty();
    }

    @Test
    void namesComeFromTheEightPartsOfTheRuleId() {
        RuleName name = RuleName.parse("prod:db:prod:db-ingress:prod:db-ingress:ping:inRx");
        assertThat(name).isEqualTo(new RuleName("prod", "db", "db-ingress", "ping", "inRx"));
        assertThat(name.groupIsDestination()).isTrue();
        assertThat(name.groupIsSource()).isFalse();
        assertThat(RuleName.parse("odd-rule-id")).isEqualTo(new RuleName("", "", "", "odd-rule-id", ""));
    }

    @Test
    void expectsWhatOfnetInstallsForAGroupToGroupRule() {
        PolicyRule rule = parse(PolicyRuleJson.rule("r", 5, "allow").groups(10, 20).protocol(1));
        assertThat(ExpectedFlow.of(rule)).contains(new ExpectedFlow(15, FlowMatch.builder().ethType(0x0800)
                .ipProto(1).metadata(MaskedValue.masked(0xa0028, 0x7ffffffe, 64)).build()));
    }

    @Test
    void portsCountOnlyForTcpAndUdpAndFlagsOnlyForTcp() {
        PolicyRule icmpWithPort = parse(PolicyRuleJson.rule("r", 1, "allow").protocol(1).ports(0, 80)
                .tcpFlags("syn"));
        assertThat(ExpectedFlow.of(icmpWithPort).orElseThrow().match())
                .isEqualTo(FlowMatch.builder().ethType(0x0800).ipProto(1).build());
        PolicyRule udp = parse(PolicyRuleJson.rule("r", 1, "allow").protocol(17).ports(53, 0).tcpFlags("syn"));
        assertThat(ExpectedFlow.of(udp).orElseThrow().match())
                .isEqualTo(FlowMatch.builder().ethType(0x0800).ipProto(17).udpSrc(53).build());
        PolicyRule tcp = parse(PolicyRuleJson.rule("r", 1, "allow").protocol(6).ports(0, 80).tcpFlags("!syn,ack"));
        assertThat(ExpectedFlow.of(tcp).orElseThrow().match()).isEqualTo(FlowMatch.builder().ethType(0x0800)
                .ipProto(6).tcpDst(80).tcpFlags(MaskedValue.masked(0x10, 0x12, 12)).build());
    }

    @Test
    void addressesAreAddressesOrPrefixesWithHostBitsCleared() {
        PolicyRule rule = parse(PolicyRuleJson.rule("r", 1, "deny").addresses("10.1.2.3", "192.168.7.9/16"));
        FlowMatch match = ExpectedFlow.of(rule).orElseThrow().match();
        assertThat(match.ipv4Src()).contains(MaskedValue.exact(0x0a010203L, 32));
        assertThat(match.ipv4Dst()).contains(MaskedValue.ipv4Prefix(0xc0a80000L, 16));
        assertThat(match.metadata()).isEmpty();
    }

    @Test
    void aRuleOfnetWouldRefuseExpectsNoFlow() {
        assertThat(ExpectedFlow.of(parse(PolicyRuleJson.rule("r", 1, "deny").addresses("db.example", ""))))
                .isEqualTo(Optional.empty());
        assertThat(ExpectedFlow.of(parse(PolicyRuleJson.rule("r", 1, "deny").addresses("", "10.0.0.0/33"))))
                .isEmpty();
        assertThat(ExpectedFlow.of(parse(PolicyRuleJson.rule("r", 1, "deny").protocol(6).tcpFlags("fin"))))
                .isEmpty();
    }

    @Test
    void readsGroupsBackFromAMetadataMatch() {
        MaskedValue both = MaskedValue.masked(0xa0028, 0x7ffffffe, 64);
        assertThat(ExpectedFlow.sourceGroup(both)).isEqualTo(10);
        assertThat(ExpectedFlow.destinationGroup(both)).isEqualTo(20);
        MaskedValue destinationOnly = MaskedValue.masked(0x28, 0xfffe, 64);
        assertThat(ExpectedFlow.sourceGroup(destinationOnly)).isZero();
        assertThat(ExpectedFlow.destinationGroup(destinationOnly)).isEqualTo(20);
    }

    @Test
    void groupNamesAreLearntFromTheRulesAttachedGroups() {
        GroupNames names = GroupNames.fromRules(PolicyFlowJoinTest.rules());
        assertThat(names.name(20)).isEqualTo("prod/db (group 20)");
        assertThat(names.name(10)).isEqualTo("prod/web (group 10)");
        assertThat(names.name(99)).isEqualTo("group 99");
        assertThat(names.describe(FlowMatch.builder().metadata(MaskedValue.masked(0xa0028, 0x7ffffffe, 64)).build()))
                .isEqualTo("from prod/web (group 10) to prod/db (group 20)");
    }

    private static PolicyRule parse(PolicyRuleJson json) {
        return PolicyRule.parse(json.json()).orElseThrow();
    }
}
