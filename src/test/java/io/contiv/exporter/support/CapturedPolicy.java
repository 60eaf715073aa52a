package io.contiv.exporter.support;

import static io.contiv.exporter.support.PolicyRuleJson.rule;
import static io.contiv.exporter.support.PolicyRuleJson.ruleId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules behind the captured policy table (src/test/resources/openflow/policy-pipeline.flows and
 * bulk-udp-rules.flows), as netmaster would store them. Tenant {@code prod}; groups web (10), db (20), batch (30).
 * One rule, redis, has no flow in the capture.
 */
public final class CapturedPolicy {

    public static final int WEB = 10;
    public static final int DB = 20;
    public static final int BULK_RULES = 330;
    public static final String PING = ruleId("prod", "db", "db-ingress", "ping", "inRx");
    public static final String NO_DB_PING = ruleId("prod", "web", "web-ingress", "no-db-ping", "inRx");
    public static final String REDIS = ruleId("prod", "db", "db-ingress", "redis", "inRx");

    private CapturedPolicy() {
    }

    public static List<PolicyRuleJson> rules() {
        List<PolicyRuleJson> rules = new ArrayList<>(List.of(
                // in, from web, icmp, allow, priority 5
                rule(PING, 5, "allow").groups(WEB, DB).protocol(1),
                // on web: in, from db, icmp, deny, priority 5
                rule(NO_DB_PING, 5, "deny").groups(DB, WEB).protocol(1),
                // in, from 10.36.0.0/24, tcp 5432, allow, priority 10: a port rule has both directions
                rule(ruleId("prod", "db", "db-ingress", "postgres", "inRx"), 10, "allow").groups(0, DB)
                        .addresses("10.36.0.0/24", "").protocol(6).ports(0, 5432),
                rule(ruleId("prod", "db", "db-ingress", "postgres", "inTx"), 10, "allow").groups(DB, 0)
                        .addresses("", "10.36.0.0/24").protocol(6).ports(5432, 0),
                // in, from web, tcp without port, deny, priority 3: only connection openings
                rule(ruleId("prod", "db", "db-ingress", "web-syn", "inRx"), 3, "deny").groups(WEB, DB).protocol(6)
                        .tcpFlags("syn,!ack"),
                // on web: out, to 10.36.0.3, udp 53, allow, priority 8
                rule(ruleId("prod", "web", "web-egress", "dns", "outRx"), 8, "allow").groups(0, WEB)
                        .addresses("10.36.0.3", "").protocol(17).ports(53, 0),
                rule(ruleId("prod", "web", "web-egress", "dns", "outTx"), 8, "allow").groups(WEB, 0)
                        .addresses("", "10.36.0.3").protocol(17).ports(0, 53),
                // not installed on the captured switch
                rule(REDIS, 10, "allow").groups(WEB, DB).protocol(6).ports(0, 6379)));
        for (int i = 0; i < BULK_RULES; i++) {
            int port = 20000 + i;
            rules.add(rule(ruleId("prod", "db", "bulk", "udp-" + port, "inRx"), 3, "allow").groups(WEB, DB)
                    .protocol(17).ports(0, port));
            rules.add(rule(ruleId("prod", "db", "bulk", "udp-" + port, "inTx"), 3, "allow").groups(DB, WEB)
                    .protocol(17).ports(port, 0));
        }
        return rules;
    }

    /** The rules as the etcd directory watch hands them over: key to value. */
    public static Map<String, String> etcdValues() {
        Map<String, String> values = new LinkedHashMap<>();
        rules().forEach(rule -> values.put(rule.key(), rule.json()));
        return values;
    }
}
