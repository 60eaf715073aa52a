package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.DocumentedMetrics;
import io.contiv.exporter.support.DumpTables;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.CloseAll;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.DeferredRequirement;
import io.contiv.exporter.testing.Promtool;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.RealVswitch;
import io.contiv.exporter.testing.RealVswitch.Pod;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Switch internals against a real ovs-vswitchd (userspace datapath, own namespace and run directory): a bridge with
 * a pipeline shaped like netplugin's (tables 0, 1, 3, 4, 5, 6, 9) switches pings between two pods and drops the
 * pings of a third in table 0. The exporter, given only {@code --ovs.rundir} and {@code --ovsdb}, finds the control
 * socket through the pid file and the bridge's management socket, and what it serves must equal what
 * {@code ovs-appctl dpctl/show}, {@code coverage/show}, {@code memory/show} and
 * {@code ovs-ofctl -O OpenFlow13 dump-tables} print at the same moment (run as argument lists, no shell).
 */
@Tag("live-traffic")
class SwitchInternalsIT {

    private static final String BRIDGE = "contivVxlanBridge";
    private static final Pattern LOOKUPS = Pattern.compile("lookups: hit:(\\d+) missed:(\\d+) lost:(\\d+)");
    private static final Pattern FLOWS = Pattern.compile("\\n\\s+flows: (\\d+)");
    private static final Pattern COVERAGE = Pattern.compile("(?m)^(\\w+)\\s+.*total: (\\d+)$");
    private static final Pattern MEMORY = Pattern.compile("(\\S+?):(\\d+)");
    private static final List<String> TROUBLE_EVENTS = List.of("upcall_flow_limit_hit", "upcall_flow_limit_kill",
            "netlink_overflow", "packet_in_overflow", "rconn_overflow", "rconn_discarded", "handler_duplicate_upcall");
    private static final int DROPPED_PINGS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static RealOvsdbServer ovsdb;
    private static RealVswitch vswitch;
    private static RunningExporter exporter;
    private static Moment moment;
    private static final DeferredRequirement REQUIREMENTS = new DeferredRequirement();

    /** What the switch printed and the exporter served at one moment when nothing moved. */
    private record Moment(String dpctl, String dumpTables, String coverage, String memory,
                          Map<String, Double> samples) {
    }

    @BeforeAll
    static void switchSomeTraffic() {
        if (!REQUIREMENTS.met(() -> RealVswitch.requireAvailable(Requirements.fromEnvironment()))) {
            return;
        }
        ovsdb = RealOvsdbServer.start();
        vswitch = RealVswitch.start(ovsdb);
        vswitch.addBridge(BRIDGE);
        vswitch.vsctl("set", "Bridge", BRIDGE, "protocols=OpenFlow10,OpenFlow13");
        Pod web = vswitch.addPod(BRIDGE, "web", "a1".repeat(16));
        Pod db = vswitch.addPod(BRIDGE, "db", "b2".repeat(16));
        Pod other = vswitch.addPod(BRIDGE, "other", "c3".repeat(16));
        String target = vswitch.mgmtTarget(BRIDGE);
        vswitch.ofctl("-O", "OpenFlow13", "del-flows", target);
        for (String flow : List.of(
                "table=0,priority=200,icmp,nw_src=" + other.ipAddress() + ",actions=drop",
                "table=0,priority=1,actions=goto_table:1",
                "table=1,priority=100,in_port=" + web.interfaceName() + ",actions=write_metadata:0xa0000/0x7fff0000,"
                        + "goto_table:3",
                "table=1,priority=100,in_port=" + db.interfaceName() + ",actions=write_metadata:0x140000/0x7fff0000,"
                        + "goto_table:3",
                "table=1,priority=100,in_port=" + other.interfaceName() + ",actions=goto_table:3",
                "table=1,priority=1,actions=drop",
                "table=3,priority=1,actions=goto_table:4",
                "table=4,priority=100,ip,nw_dst=" + db.ipAddress() + ",actions=write_metadata:0x28/0xfffe,goto_table:5",
                "table=4,priority=1,actions=goto_table:5",
                "table=5,priority=20,icmp,metadata=0xa0028/0x7ffffffe,actions=goto_table:6",
                "table=5,priority=1,actions=goto_table:6",
                "table=6,priority=1,actions=goto_table:9",
                "table=9,priority=1,actions=NORMAL")) {
            vswitch.ofctl("-O", "OpenFlow13", "add-flow", target, flow);
        }
        exporter = RunningExporter.start("--mode", "netplugin", "--no-collector.endpoint", "--ovsdb",
                ovsdb.tcpAddress(), "--ovs.rundir", vswitch.runDirectory().toString(), "--ovs.poll-interval", "1s");

        assertThat(vswitch.ping(web, db, 5, 100).stdout()).contains("5 received");
        CommandResult dropped = vswitch.ping(other, web, DROPPED_PINGS, 100);
        assertThat(dropped.stdout()).contains(DROPPED_PINGS + " packets transmitted, 0 received");
        moment = awaitMoment();
    }

    @BeforeEach
    void skipWhenARequirementIsUnmet() {
        REQUIREMENTS.abortIfUnmet();
    }

    @AfterAll
    static void stopEverything() {
        CloseAll.close(exporter, vswitch, ovsdb);
    }

    @Test
    void datapathLookupsAndFlowsEqualDpctlShow() {
        assertThat(datapathSamples(moment.samples())).isEqualTo(datapathFrom(moment.dpctl()));
        assertThat(datapathFrom(moment.dpctl())).containsKey("contiv_ovs_datapath_lookups_total{datapath=\""
                + "netdev@ovs-netdev\",result=\"hit\"}");
        assertThat(moment.samples()).containsEntry("contiv_exporter_source_up{source=\"vswitchd\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"openflow_tables\"}", 1.0);
    }

    @Test
    void everyTableEqualsDumpTablesAndUnusedTablesAreLeftOut() {
        Map<Integer, DumpTables.Table> printed = DumpTables.parse(moment.dumpTables());
        assertThat(printed).hasSize(254);
        Map<Integer, DumpTables.Table> served = new TreeMap<>();
        Pattern series = Pattern.compile("contiv_openflow_table_(flows|lookups_total|matches_total)\\{bridge=\""
                + BRIDGE + "\",table_id=\"(\\d+)\",table_name=\"(\\w*)\"}");
        Map<Integer, Map<String, Double>> byTable = new TreeMap<>();
        moment.samples().forEach((key, value) -> {
            Matcher m = series.matcher(key);
            if (m.matches()) {
                byTable.computeIfAbsent(Integer.parseInt(m.group(2)), t -> new TreeMap<>()).put(m.group(1), value);
            }
        });
        byTable.forEach((table, values) -> served.put(table, new DumpTables.Table(values.get("flows").longValue(),
                values.get("lookups_total").longValue(), values.get("matches_total").longValue())));
        // Contiv's ten tables, whatever they hold; no other table, since no other saw a flow or a packet
        assertThat(served.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (Map.Entry<Integer, DumpTables.Table> table : printed.entrySet()) {
            if (served.containsKey(table.getKey())) {
                assertThat(served.get(table.getKey())).as("table " + table.getKey()).isEqualTo(table.getValue());
            } else {
                assertThat(table.getValue()).as("table " + table.getKey()).isEqualTo(new DumpTables.Table(0, 0, 0));
            }
        }
        assertThat(moment.samples()).containsEntry("contiv_openflow_table_flows{bridge=\"" + BRIDGE
                + "\",table_id=\"5\",table_name=\"policy\"}", 2.0);
        assertThat(served.get(0).lookup()).isGreaterThanOrEqualTo(10 + DROPPED_PINGS);
    }

    @Test
    void troubleEventsAndDropReasonsEqualCoverageShowAndObjectsEqualMemoryShow() {
        Map<String, Long> coverage = new TreeMap<>();
        Matcher event = COVERAGE.matcher(moment.coverage());
        while (event.find()) {
            coverage.put(event.group(1), Long.parseLong(event.group(2)));
        }
        for (String trouble : TROUBLE_EVENTS) {
            assertThat(moment.samples()).containsEntry("contiv_ovs_coverage_events_total{event=\"" + trouble + "\"}",
                    (double) coverage.getOrDefault(trouble, 0L));
        }
        assertThat(coverage.get("drop_action_of_pipeline")).isGreaterThanOrEqualTo(DROPPED_PINGS);
        coverage.forEach((name, total) -> {
            if (name.startsWith("drop_action_") || name.startsWith("datapath_drop_")) {
                assertThat(moment.samples()).containsEntry("contiv_dropped_packets_total{reason=\"" + name + "\"}",
                        total.doubleValue());
            }
        });
        Matcher lookups = LOOKUPS.matcher(moment.dpctl());
        assertThat(lookups.find()).isTrue();
        assertThat(moment.samples()).containsEntry("contiv_dropped_packets_total{reason=\"datapath_lost\"}",
                Double.parseDouble(lookups.group(3)));

        Map<String, Double> objects = new TreeMap<>();
        Matcher item = MEMORY.matcher(moment.memory().replace("udpif keys", "udpif_keys"));
        while (item.find()) {
            objects.put("contiv_ovs_vswitchd_objects{kind=\"" + item.group(1) + "\"}",
                    Double.parseDouble(item.group(2)));
        }
        assertThat(objects).containsKey("contiv_ovs_vswitchd_objects{kind=\"rules\"}");
        Map<String, Double> served = new TreeMap<>();
        moment.samples().forEach((k, v) -> {
            if (k.startsWith("contiv_ovs_vswitchd_objects{")) {
                served.put(k, v);
            }
        });
        assertThat(served).isEqualTo(objects);
    }

    @Test
    void theExpositionIsPromtoolClean() {
        String body = exporter.get("/metrics").body();
        assertThat(body).contains("contiv_ovs_datapath_lookups_total", "contiv_openflow_table_flows",
                "contiv_dropped_packets_total");
        assertThat(Promtool.locate().checkMetrics(body).output()).isEmpty();
        DocumentedMetrics documented = DocumentedMetrics.readme();
        documented.assertDocuments(body);
        // masks are counted by the kernel datapath only; this switch runs the userspace one
        documented.assertServesEveryRowOf(body, Set.of("vswitchd", "tables", "drops"),
                Set.of("contiv_ovs_datapath_mask_hits_total", "contiv_ovs_datapath_masks"));
    }

    /**
     * Asks the switch, scrapes the exporter, asks the switch again: once both answers of the switch agree and the
     * exporter serves the same, that is one moment.
     */
    private static Moment awaitMoment() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Moment first = ask(Map.of());
            Map<String, Double> samples = ExpositionText.samples(exporter.get("/metrics").body());
            Moment second = ask(samples);
            boolean stable = first.dpctl().equals(second.dpctl()) && first.dumpTables().equals(second.dumpTables())
                    && coverageTotals(first.coverage()).equals(coverageTotals(second.coverage()))
                    && first.memory().equals(second.memory());
            boolean agrees = datapathSamples(samples).equals(datapathFrom(second.dpctl()))
                    && samples.getOrDefault("contiv_openflow_table_lookups_total{bridge=\"" + BRIDGE
                    + "\",table_id=\"0\",table_name=\"input\"}", -1.0)
                    == DumpTables.parse(second.dumpTables()).get(0).lookup()
                    && samples.getOrDefault("contiv_dropped_packets_total{reason=\"drop_action_of_pipeline\"}", -1.0)
                    == coverageTotals(second.coverage()).getOrDefault("drop_action_of_pipeline", 0L).doubleValue()
                    && coverageTotals(second.coverage()).getOrDefault("drop_action_of_pipeline", 0L) >= DROPPED_PINGS;
            if ((stable && agrees) || System.nanoTime() > deadline) {
                return second;
            }
            DeferredRequirement.sleep(Duration.ofMillis(300));
        }
    }

    private static Moment ask(Map<String, Double> samples) {
        return new Moment(vswitch.appctl("dpctl/show"),
                vswitch.ofctl("-O", "OpenFlow13", "dump-tables", vswitch.mgmtTarget(BRIDGE)),
                vswitch.appctl("coverage/show"), vswitch.appctl("memory/show"), samples);
    }

    private static Map<String, Long> coverageTotals(String text) {
        Map<String, Long> totals = new TreeMap<>();
        Matcher event = COVERAGE.matcher(text);
        while (event.find()) {
            totals.put(event.group(1), Long.parseLong(event.group(2)));
        }
        return totals;
    }

    /** The datapath series dpctl/show implies (one datapath: the userspace one). */
    private static Map<String, Double> datapathFrom(String dpctl) {
        Matcher lookups = LOOKUPS.matcher(dpctl);
        Matcher flows = FLOWS.matcher(dpctl);
        assertThat(lookups.find()).as(dpctl).isTrue();
        assertThat(flows.find()).as(dpctl).isTrue();
        String datapath = dpctl.substring(0, dpctl.indexOf(':'));
        Map<String, Double> series = new TreeMap<>();
        String prefix = "contiv_ovs_datapath_lookups_total{datapath=\"" + datapath + "\",result=\"";
        series.put(prefix + "hit\"}", Double.parseDouble(lookups.group(1)));
        series.put(prefix + "lost\"}", Double.parseDouble(lookups.group(3)));
        series.put(prefix + "missed\"}", Double.parseDouble(lookups.group(2)));
        series.put("contiv_ovs_datapath_flows{datapath=\"" + datapath + "\"}", Double.parseDouble(flows.group(1)));
        return series;
    }

    private static Map<String, Double> datapathSamples(Map<String, Double> samples) {
        Map<String, Double> datapath = new TreeMap<>();
        samples.forEach((key, value) -> {
            if (key.startsWith("contiv_ovs_datapath_")) {
                datapath.put(key, value);
            }
        });
        return datapath;
    }
}
