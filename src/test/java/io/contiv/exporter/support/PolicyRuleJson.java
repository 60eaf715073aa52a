package io.contiv.exporter.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A directional rule as netmaster writes it to {@code /contiv.io/state/policyRule/<RuleId>}: Go's encoding of
 * ofnet's rule, every field present (no omitempty), plus the state's {@code id}.
 */
public final class PolicyRuleJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode node = MAPPER.createObjectNode();

    private PolicyRuleJson(String ruleId, int priority, String action) {
        node.put("id", ruleId).put("RuleId", ruleId).put("Priority", priority)
                .put("SrcEndpointGroup", 0).put("DstEndpointGroup", 0).put("SrcIpAddr", "").put("DstIpAddr", "")
                .put("IpProtocol", 0).put("SrcPort", 0).put("DstPort", 0).put("TcpFlags", "").put("Action", action);
    }

    /** {@code tenant:group:tenant:policy:tenant:policy:rule:dir}, as netmaster builds the ID. */
    public static String ruleId(String tenant, String group, String policy, String rule, String direction) {
        return String.join(":", tenant, group, tenant, policy, tenant, policy, rule, direction);
    }

    public static PolicyRuleJson rule(String ruleId, int priority, String action) {
        return new PolicyRuleJson(ruleId, priority, action);
    }

    public PolicyRuleJson groups(int source, int destination) {
        node.put("SrcEndpointGroup", source).put("DstEndpointGroup", destination);
        return this;
    }

    public PolicyRuleJson addresses(String source, String destination) {
        node.put("SrcIpAddr", source).put("DstIpAddr", destination);
        return this;
    }

    public PolicyRuleJson protocol(int protocol) {
        node.put("IpProtocol", protocol);
        return this;
    }

    public PolicyRuleJson ports(int source, int destination) {
        node.put("SrcPort", source).put("DstPort", destination);
        return this;
    }

    public PolicyRuleJson tcpFlags(String flags) {
        node.put("TcpFlags", flags);
        return this;
    }

    public String id() {
        return node.get("RuleId").asText();
    }

    public String key() {
        return "/contiv.io/state/policyRule/" + id();
    }

    public String json() {
        return node.toString();
    }
}
