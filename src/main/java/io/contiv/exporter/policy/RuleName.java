package io.contiv.exporter.policy;

/**
 * What a directional rule's ID says: netmaster builds it as {@code <epgKey>:<policyKey>:<ruleKey>:<dir>}, which
 * spelled out is {@code tenant:group:tenant:policy:tenant:policy:rule:dir}. The endpoint group is the one the policy
 * is attached to; the direction is {@code inRx}, {@code inTx}, {@code outRx} or {@code outTx}. An ID of another
 * shape keeps its whole text as the rule name and leaves the other names empty, so its counters still show.
 */
public record RuleName(String tenant, String endpointGroup, String policy, String rule, String direction) {

    private static final int PARTS = 8;

    public static RuleName parse(String ruleId) {
        String[] parts = ruleId.split(":", -1);
        if (parts.length != PARTS) {
            return new RuleName("", "", "", ruleId, "");
        }
        return new RuleName(parts[0], parts[1], parts[5], parts[6], parts[7]);
    }

    /** True when the attached group is the rule's destination: traffic the group receives ({@code ...Rx}). */
    public boolean groupIsDestination() {
        return direction.endsWith("Rx");
    }

    /** True when the attached group is the rule's source: traffic the group sends ({@code ...Tx}). */
    public boolean groupIsSource() {
        return direction.endsWith("Tx");
    }
}
