package io.contiv.exporter.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * One directional policy rule as netmaster stores it under {@code /contiv.io/state/policyRule/<RuleId>}: ofnet's
 * rule with its Go field names. Group IDs are netmaster's numeric endpoint group IDs, 0 for "any"; addresses are an
 * address or a CIDR, empty for "any"; ports 0 for "any".
 */
public record PolicyRule(
        @JsonProperty("RuleId") String ruleId,
        @JsonProperty("Priority") int priority,
        @JsonProperty("SrcEndpointGroup") int srcEndpointGroup,
        @JsonProperty("DstEndpointGroup") int dstEndpointGroup,
        @JsonProperty("SrcIpAddr") String srcIpAddr,
        @JsonProperty("DstIpAddr") String dstIpAddr,
        @JsonProperty("IpProtocol") int ipProtocol,
        @JsonProperty("SrcPort") int srcPort,
        @JsonProperty("DstPort") int dstPort,
        @JsonProperty("TcpFlags") String tcpFlags,
        @JsonProperty("Action") String action) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public PolicyRule {
        srcIpAddr = orEmpty(srcIpAddr);
        dstIpAddr = orEmpty(dstIpAddr);
        tcpFlags = orEmpty(tcpFlags);
        action = orEmpty(action);
    }

    /** Parses one stored value; a value that is not a rule is reported, not thrown. */
    public static Optional<PolicyRule> parse(String json) {
        try {
            PolicyRule rule = MAPPER.readValue(json, PolicyRule.class);
            return rule == null || rule.ruleId() == null || rule.ruleId().isEmpty()
                    ? Optional.empty() : Optional.of(rule);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names the rule ID carries. */
    public RuleName name() {
        return RuleName.parse(ruleId);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
