package io.contiv.exporter.integration;

import static io.contiv.exporter.support.PolicyRuleJson.rule;
import static io.contiv.exporter.support.PolicyRuleJson.ruleId;
import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.DocumentedMetrics;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.PolicyRuleJson;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.CloseAll;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.Promtool;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.RealVswitch;
import io.contiv.exporter.testing.RealVswitch.Pod;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Policy rules end to end: a real ovs-vswitchd (userspace datapath) runs a policy pipeline shaped like netplugin's
 * (table 1 puts the source group in metadata by input port, table 4 the destination group by address, table 5 holds
 * the rules at priority 10 + rule priority and a priority-1 default flow), installed with ovs-ofctl as test setup.
 * The matching rules are in a real etcd as netmaster stores them. Pods ping each other; the exporter, with no more
 * configuration than --etcd and the run directory, reads table 5 over OpenFlow and must count every packet on the
 * right rule under the right names.
 *
 * <p>Tenant prod, groups web (10), db (20), batch (30). Policy db-ingress on db: "ping", in from web, icmp, allow.
 * Policy web-ingress on web: "no-db-ping", in from db, icmp, deny. So web's echo requests to db pass the allow rule and
 * db's replies are dropped by the deny rule; db's requests to web are dropped too; web and batch talk through the
 * default flow. A third rule, "redis", is in etcd but not installed.
 */
@Tag("live-traffic")
class PolicyTrafficIT {

    private static final String BRIDGE = "contivVxlanBridge";
    private static final String TENANT = "prod";
    private static final String NETWORK_ID = "net." + TENANT;
    private static final int WEB = 10;
    private static final int DB = 20;
    private static final int BATCH = 30;
    private static final int PAYLOAD_BYTES = 200;
    private static final long FRAME_BYTES = RealVswitch.icmpEchoFrameBytes(PAYLOAD_BYTES);
    private static final int ALLOWED_PINGS = 5;
    private static final int DENIED_PINGS = 3;
    private static final int DEFAULT_PINGS = 4;
    private static final int PINGS_AFTER_REINSTALL = 7;
    private static final String ALLOW_FLOW = "table=5,priority=15,icmp,metadata=0xa0028/0x7ffffffe";
    private static final Duration COUNTER_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final PolicyRuleJson PING = rule(ruleId(TENANT, "db", "db-ingress", "ping", "inRx"), 5, "allow")
            .groups(WEB, DB).protocol(1);
    private static final PolicyRuleJson NO_DB_PING = rule(ruleId(TENANT, "web", "web-ingress", "no-db-ping", "inRx"),
            5, "deny").groups(DB, WEB).protocol(1);
    private static final PolicyRuleJson REDIS = rule(ruleId(TENANT, "db", "db-ingress", "redis", "inRx"), 10,
            "allow").groups(WEB, DB).protocol(6).ports(0, 6379);
    private static final String PING_SERIES = "{action=\"allow\",direction=\"inRx\",endpoint_group=\"db\","
            + "policy=\"db-ingress\",rule=\"ping\",tenant=\"prod\"}";
    private static final String NO_DB_PING_SERIES = "{action=\"deny\",direction=\"inRx\",endpoint_group=\"web\","
            + "policy=\"web-ingress\",rule=\"no-db-ping\",tenant=\"prod\"}";
    private static final String DEFAULT_SERIES = "{bridge=\"" + BRIDGE + "\"}";

    private static long startedNanos;
    private static RealOvsdbServer ovsdb;
    private static RealVswitch vswitch;
    private static RealEtcd etcd;
    private static RunningExporter exporter;
    private static TemporaryDirectory flowFiles;
    private static Pod web;
    private static Pod db;
    private static Pod batch;
    private static Map<String, Double> before;
    private static Map<String, Double> after;
    private static Map<String, Double> afterReinstall;
    private static String afterText;
    private static Map<String, Long> webIcmpBefore;
    private static Map<String, Long> webIcmpAfter;
    private static Map<String, Long> dbIcmpBefore;
    private static Map<String, Long> dbIcmpAfter;
    private static CommandResult webToDb;
    private static CommandResult dbToWeb;
    private static CommandResult webToBatch;
    private static String allowFlowAfterReinstall;
    private static TestAbortedException unmetRequirement;

    @BeforeAll
    static void sendTrafficThroughThePolicyTable() {
        try {
            Requirements requirements = Requirements.fromEnvironment();
            RealVswitch.requireAvailable(requirements);
            requirements.requireBinaries(RealEtcd.REQUIRED_BINARIES);
            requirements.requireBinaries(Promtool.REQUIRED_BINARIES);
        } catch (TestAbortedException e) {
            // Surefire drops the reason of a class aborted in @BeforeAll (SUREFIRE-2300); each test aborts instead.
            unmetRequirement = e;
            return;
        }
        startedNanos = System.nanoTime();

        ovsdb = RealOvsdbServer.start();
        vswitch = RealVswitch.start(ovsdb);
        vswitch.addBridge(BRIDGE);
        // as netplugin configures its bridges
        vswitch.vsctl("set", "Bridge", BRIDGE, "protocols=OpenFlow10,OpenFlow11,OpenFlow12,OpenFlow13");
        web = vswitch.addPod(BRIDGE, "web", randomHex(32));
        db = vswitch.addPod(BRIDGE, "db", randomHex(32));
        batch = vswitch.addPod(BRIDGE, "batch", randomHex(32));
        flowFiles = TemporaryDirectory.create("contiv-policy-flows-");
        installPipeline();

        etcd = RealEtcd.start();
        for (PolicyRuleJson rule : List.of(PING, NO_DB_PING, REDIS)) {
            etcd.putV2(rule.key(), rule.json());
        }
        // the pods' state as netmaster keeps it: the rules kept are those of the groups with a pod here
        etcd.putV2("/contiv.io/state/nets/" + NETWORK_ID, "{\"id\":\"" + NETWORK_ID + "\"}");
        putEndpointState(web, "web", WEB);
        putEndpointState(db, "db", DB);
        putEndpointState(batch, "batch", BATCH);
        // Nothing but etcd and the run directory: the policy collector turns itself on because the socket exists.
        exporter = RunningExporter.start("--mode", "netplugin", "--etcd", etcd.endpoint(),
                "--ovsdb", ovsdb.tcpAddress(), "--ovs.rundir", vswitch.runDirectory().toString());

        before = awaitSamples(s -> s.containsKey("contiv_policy_rule_packets_total" + PING_SERIES)
                && s.containsKey("contiv_policy_rule_packets_total" + NO_DB_PING_SERIES));
        webIcmpBefore = icmpCounters(web);
        dbIcmpBefore = icmpCounters(db);

        webToDb = vswitch.ping(web, db, ALLOWED_PINGS, PAYLOAD_BYTES);
        dbToWeb = vswitch.ping(db, web, DENIED_PINGS, PAYLOAD_BYTES);
        webToBatch = vswitch.ping(web, batch, DEFAULT_PINGS, PAYLOAD_BYTES);

        // OVS folds its datapath counters into the flows about every half second.
        after = awaitSamples(s -> delta(before, s, "contiv_policy_rule_packets_total" + PING_SERIES) >= ALLOWED_PINGS
                && delta(before, s, "contiv_policy_rule_packets_total" + NO_DB_PING_SERIES)
                >= ALLOWED_PINGS + DENIED_PINGS
                && delta(before, s, "contiv_policy_default_packets_total" + DEFAULT_SERIES) >= 2 * DEFAULT_PINGS);
        afterText = exporter.get("/metrics").body();
        webIcmpAfter = icmpCounters(web);
        dbIcmpAfter = icmpCounters(db);

        // netplugin restarting: the allow rule's flow is deleted and added again, and starts counting from zero.
        vswitch.ofctl("-O", "OpenFlow13", "del-flows", "--strict", vswitch.mgmtTarget(BRIDGE), ALLOW_FLOW);
        sleep(Duration.ofMillis(1500));
        vswitch.ofctl("-O", "OpenFlow13", "add-flow", vswitch.mgmtTarget(BRIDGE), ALLOW_FLOW + ",actions=goto_table:6");
        vswitch.ping(web, db, PINGS_AFTER_REINSTALL, PAYLOAD_BYTES);
        afterReinstall = awaitSamples(s -> delta(after, s, "contiv_policy_rule_packets_total" + PING_SERIES)
                >= PINGS_AFTER_REINSTALL);
        allowFlowAfterReinstall = vswitch.ofctl("-O", "OpenFlow13", "dump-flows", vswitch.mgmtTarget(BRIDGE),
                ALLOW_FLOW.replace(",priority=15", ""));
    }

    private static void putEndpointState(Pod pod, String group, int groupId) {
        String id = pod.endpointId();
        etcd.putV2("/contiv.io/state/eps/" + NETWORK_ID + "-" + id.substring(0, 12), "{\"id\":\"" + NETWORK_ID + "-"
                + id.substring(0, 12) + "\",\"netID\":\"" + NETWORK_ID + "\",\"endpointID\":\"" + id
                + "\",\"serviceName\":\"" + group + "\",\"endpointGroupId\":" + groupId + ",\"endpointGroupKey\":\""
                + group + ":" + TENANT + "\",\"ipAddress\":\"" + pod.ipAddress() + "\",\"homingHost\":\"node1\","
                + "\"epCommonName\":\"" + pod.name() + "\"}");
    }

    @BeforeEach
    void skipWhenARequirementIsUnmet() {
        if (unmetRequirement != null) {
            Assumptions.abort(unmetRequirement.getMessage());
        }
    }

    @AfterAll
    static void stopEverything() {
        try {
            CloseAll.close(exporter, etcd, vswitch, ovsdb, flowFiles);
        } finally {
            if (unmetRequirement == null) {
                System.out.printf("PolicyTrafficIT: %.1f s from the first start to the last stop%n",
                        (System.nanoTime() - startedNanos) / 1e9);
            }
        }
    }

    @Test
    void theAllowRuleCountedEveryRequestThatReachedDb() {
        assertThat(delta(before, after, "contiv_policy_rule_packets_total" + PING_SERIES)).isEqualTo(ALLOWED_PINGS);
        assertThat(delta(before, after, "contiv_policy_rule_bytes_total" + PING_SERIES))
                .isEqualTo(ALLOWED_PINGS * FRAME_BYTES);
        assertThat(dbIcmpAfter.get("InEchos") - dbIcmpBefore.get("InEchos")).as("echo requests db received")
                .isEqualTo(ALLOWED_PINGS);
        System.out.printf("PolicyTrafficIT: allow rule db-ingress/ping: %d requests sent, %d reached db, "
                        + "counted %d packets / %d bytes (%d expected)%n", ALLOWED_PINGS,
                dbIcmpAfter.get("InEchos") - dbIcmpBefore.get("InEchos"),
                delta(before, after, "contiv_policy_rule_packets_total" + PING_SERIES),
                delta(before, after, "contiv_policy_rule_bytes_total" + PING_SERIES), ALLOWED_PINGS * FRAME_BYTES);
    }

    @Test
    void theDenyRuleCountedEveryPacketItDroppedAndNoneReachedWeb() {
        assertThat(webToDb.stdout()).as(webToDb.output())
                .contains(ALLOWED_PINGS + " packets transmitted, 0 received");
        assertThat(dbToWeb.stdout()).as(dbToWeb.output()).contains(DENIED_PINGS + " packets transmitted, 0 received");
        // db's replies to web, and db's own requests to web
        long denied = ALLOWED_PINGS + DENIED_PINGS;
        assertThat(delta(before, after, "contiv_policy_rule_packets_total" + NO_DB_PING_SERIES)).isEqualTo(denied);
        assertThat(delta(before, after, "contiv_policy_rule_bytes_total" + NO_DB_PING_SERIES))
                .isEqualTo(denied * FRAME_BYTES);
        assertThat(dbIcmpAfter.get("OutEchoReps") - dbIcmpBefore.get("OutEchoReps")).as("replies db sent")
                .isEqualTo(ALLOWED_PINGS);
        assertThat(webIcmpAfter.get("InEchos") - webIcmpBefore.get("InEchos")).as("requests that reached web")
                .isZero();
        assertThat(webIcmpAfter.get("InEchoReps") - webIcmpBefore.get("InEchoReps"))
                .as("replies from db that reached web (web's replies from batch excluded below)")
                .isEqualTo(DEFAULT_PINGS);
        System.out.printf("PolicyTrafficIT: deny rule web-ingress/no-db-ping: %d packets dropped (%d replies + %d "
                        + "requests), counted %d packets / %d bytes; requests that reached web: %d%n", denied,
                ALLOWED_PINGS, DENIED_PINGS, delta(before, after, "contiv_policy_rule_packets_total"
                        + NO_DB_PING_SERIES), delta(before, after, "contiv_policy_rule_bytes_total"
                        + NO_DB_PING_SERIES), webIcmpAfter.get("InEchos") - webIcmpBefore.get("InEchos"));
    }

    @Test
    void theDefaultFlowCountedTheTrafficNoRuleMatched() {
        assertThat(webToBatch.stdout()).as(webToBatch.output())
                .contains(DEFAULT_PINGS + " packets transmitted, " + DEFAULT_PINGS + " received");
        assertThat(delta(before, after, "contiv_policy_default_packets_total" + DEFAULT_SERIES))
                .isEqualTo(2 * DEFAULT_PINGS);
        assertThat(delta(before, after, "contiv_policy_default_bytes_total" + DEFAULT_SERIES))
                .isEqualTo(2 * DEFAULT_PINGS * FRAME_BYTES);
        System.out.printf("PolicyTrafficIT: default flow: %d packets (web <-> batch), counted %d%n",
                2 * DEFAULT_PINGS, delta(before, after, "contiv_policy_default_packets_total" + DEFAULT_SERIES));
    }

    @Test
    void theInstallIsReportedRuleByRuleAndTheExpositionIsValid() {
        assertThat(after).containsEntry("contiv_policy_rules{policy=\"db-ingress\",tenant=\"prod\"}", 1.0)
                .containsEntry("contiv_policy_rules{policy=\"web-ingress\",tenant=\"prod\"}", 1.0)
                .containsEntry("contiv_policy_rules_unmatched", 1.0)
                .containsEntry("contiv_policy_flows_unmatched", 0.0)
                .containsEntry("contiv_exporter_source_up{source=\"openflow\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"etcd_endpoints\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"etcd_policy_rules\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"ovsdb\"}", 1.0);
        assertThat(after.keySet()).filteredOn(k -> k.startsWith("contiv_policy_rule_packets_total"))
                .containsExactlyInAnyOrder("contiv_policy_rule_packets_total" + PING_SERIES,
                        "contiv_policy_rule_packets_total" + NO_DB_PING_SERIES);
        CommandResult check = Promtool.locate().checkMetrics(afterText);
        assertThat(check.exitCode()).as(check.output()).isZero();
        DocumentedMetrics documented = DocumentedMetrics.readme();
        documented.assertDocuments(afterText);
        documented.assertServesEveryRowOf(afterText, Set.of("policy"), Set.of());
    }

    @Test
    void aReinstalledFlowKeepsTheRulesCounterGoingUp() {
        assertThat(allowFlowAfterReinstall).as("the switch counts from zero again")
                .contains("n_packets=" + PINGS_AFTER_REINSTALL + ",");
        assertThat(afterReinstall.get("contiv_policy_rule_packets_total" + PING_SERIES))
                .isEqualTo(after.get("contiv_policy_rule_packets_total" + PING_SERIES) + PINGS_AFTER_REINSTALL);
        assertThat(afterReinstall.get("contiv_policy_rule_bytes_total" + PING_SERIES))
                .isEqualTo(after.get("contiv_policy_rule_bytes_total" + PING_SERIES)
                        + PINGS_AFTER_REINSTALL * FRAME_BYTES);
        System.out.printf("PolicyTrafficIT: allow flow reinstalled, %d more requests: the switch says %s, the "
                        + "exporter %.0f (was %.0f)%n", PINGS_AFTER_REINSTALL, "n_packets=" + PINGS_AFTER_REINSTALL,
                afterReinstall.get("contiv_policy_rule_packets_total" + PING_SERIES),
                after.get("contiv_policy_rule_packets_total" + PING_SERIES));
    }

    /** The pipeline netplugin would install for these pods, with the two rules of etcd and the default flow. */
    private static void installPipeline() {
        List<String> flows = new ArrayList<>(List.of(
                "table=0,priority=100,arp,actions=NORMAL",
                "table=0,priority=50,ip,actions=goto_table:1"));
        for (Map.Entry<Pod, Integer> pod : Map.of(web, WEB, db, DB, batch, BATCH).entrySet()) {
            flows.add("table=1,priority=100,in_port=" + pod.getKey().ofport() + ",actions=write_metadata:0x"
                    + Long.toHexString((long) pod.getValue() << 16) + "/0x7fff0000,goto_table:2");
            flows.add("table=4,priority=100,ip,nw_dst=" + pod.getKey().ipAddress() + ",actions=write_metadata:0x"
                    + Long.toHexString((long) pod.getValue() << 1) + "/0xfffe,goto_table:5");
        }
        flows.addAll(List.of(
                "table=2,priority=1,actions=goto_table:3",
                "table=3,priority=1,actions=goto_table:4",
                "table=4,priority=1,actions=goto_table:5",
                // policy db-ingress, rule ping: in from web (10) to db (20), icmp, allow, priority 5
                ALLOW_FLOW + ",actions=goto_table:6",
                // policy web-ingress, rule no-db-ping: in from db (20) to web (10), icmp, deny, priority 5
                "table=5,priority=15,icmp,metadata=0x140014/0x7ffffffe,actions=drop",
                "table=5,priority=1,actions=goto_table:6",
                "table=6,priority=1,actions=NORMAL"));
        Path file = flowFiles.write("pipeline.flows", String.join("\n", flows) + "\n");
        vswitch.ofctl("-O", "OpenFlow13", "del-flows", vswitch.mgmtTarget(BRIDGE));
        vswitch.ofctl("-O", "OpenFlow13", "add-flows", vswitch.mgmtTarget(BRIDGE), file.toString());
    }

    /** Scrapes until the condition holds, then once more a little later, so that nothing is still arriving. */
    private static Map<String, Double> awaitSamples(Predicate<Map<String, Double>> condition) {
        long deadline = System.nanoTime() + COUNTER_TIMEOUT.toNanos();
        Map<String, Double> samples = scrape();
        while (!condition.test(samples) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            samples = scrape();
        }
        sleep(Duration.ofMillis(1500));
        return scrape();
    }

    private static Map<String, Double> scrape() {
        return ExpositionText.samples(exporter.get("/metrics").body());
    }

    /** The ICMP counters of the pod's network namespace, from its /proc/net/snmp. */
    private static Map<String, Long> icmpCounters(Pod pod) {
        List<String> icmp = vswitch.runInPod(pod, "cat", "/proc/net/snmp").orThrow().stdout().lines()
                .filter(line -> line.startsWith("Icmp:")).toList();
        String[] names = icmp.get(0).split("\\s+");
        String[] values = icmp.get(1).split("\\s+");
        Map<String, Long> counters = new TreeMap<>();
        for (int i = 1; i < names.length; i++) {
            counters.put(names[i], Long.parseLong(values[i]));
        }
        return counters;
    }

    private static long delta(Map<String, Double> from, Map<String, Double> to, String series) {
        Double start = from.get(series);
        Double end = to.get(series);
        return start == null || end == null ? -1 : (long) (end - start);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
