package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.app.Demo;
import io.contiv.exporter.deploy.PromqlExpressions.Expression;
import io.contiv.exporter.deploy.PromqlExpressions.Kind;
import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase;
import io.contiv.exporter.testing.RealPrometheus;
import io.contiv.exporter.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring, end to end: a real Prometheus (Debian's {@code prometheus}) runs the prometheus.yml of
 * the Prometheus ConfigMap (deploy/kubernetes/prometheus/configmap.yaml), adapted to static targets, and its
 * alerts.yml; it scrapes both
 * exporters of the demo (a simulated Contiv node and cluster, in process); then every PromQL expression of the
 * dashboard and of the alert rules ({@link PromqlExpressions#all()}) is run through its HTTP API and has to return
 * data.
 *
 * <p>How each expression gets data:
 *
 * <ul>
 *   <li>Most return data as soon as each target has been scraped twice: inventory, traffic, interface state, and
 *       those drop and error panels and alerts that the simulated traffic feeds (its interfaces drop packets and
 *       count errors in bursts; the clock runs 20 simulated seconds per second).
 *   <li>Two conditions are built into the setup: {@link #SPEC} fills both data networks' address pools to 91.7 %
 *       (ContivAddressPoolNearlyFull), and a third target, the netplugin exporter of node2, is on a port nothing
 *       listens on (ContivExporterDown).
 *   <li>{@link #DRIVEN}: alerts and panels that stay empty while the node is healthy, and must be so before the
 *       faults; the test then breaks the simulated node (link down, link resets, orphan and missing interfaces,
 *       netmaster answering 500) and they must return data.
 *   <li>{@link #SIGNAL_ONLY}: conditions the test cannot produce; the full expression must stay empty and its
 *       signal part (left of the top-level comparison) must return data.
 *   <li>{@link #EXCLUDED}: expressions only a real switch (or a node in VLAN mode) feeds: policy and table
 *       statistics (OpenFlow), switch internals (ovs-vswitchd's control socket), uplinks. Each is proven against a
 *       real ovs-vswitchd by a test of its own, named in the reason.
 * </ul>
 *
 * <p>Speed-ups, differing from the shipped config: scrape interval, scrape timeout and evaluation interval are 1 s
 * instead of 5 s / 5 s / 15 s. The dashboard's {@code $__rate_interval} is {@value PromqlExpressions#RATE_INTERVAL}.
 * The {@code for:} durations of the alerts do not matter to the expressions; at the end the {@code ALERTS} series
 * of every alert whose expression returned data must exist (pending or firing), which proves the rule file loaded.
 */
class MonitoringEndToEndIT {

    private static final String JOB = "contiv-exporter";

    /**
     * 2 tenants with one data network each, 232 endpoints per network (29 on each of 16 nodes) in a /24, whose 253
     * usable addresses are then 91.7 % allocated: above ContivAddressPoolNearlyFull's 90 %. The infra network
     * stays at 0 %. The exporter's node, node1, has 29 interfaces.
     */
    static final ClusterSpec SPEC = ClusterSpec.defaults().withSeed(7).withTenants(2).withNetworksPerTenant(1)
            .withGroupsPerNetwork(2).withEndpointsPerNode(29).withNodes(16);

    /** One simulated second of traffic every 50 ms, so that drop and error bursts come often. */
    static final Duration TICK = Duration.ofMillis(50);

    private static final Duration SCRAPES_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(250);

    private static final String POLICY_REASON = "contiv_policy_* metrics come from OpenFlow flow statistics of a real "
            + "switch; the demo's simulated node has no OpenFlow switch, so here they have no data. "
            + "PolicyTrafficIT proves them against a real ovs-vswitchd";

    private static final String SWITCH_REASON = "contiv_ovs_* come from ovs-vswitchd's control socket and "
            + "contiv_openflow_table_* from the OpenFlow table statistics of a real switch; the demo's simulated node "
            + "has neither. SwitchInternalsIT proves them against a real ovs-vswitchd";

    private static final String UPLINK_REASON = "contiv_uplink_* exist in VLAN mode only, and the simulated node is "
            + "in VXLAN mode (its tunnels feed the host-to-host panels). HostLinkReaderTest reads uplinks from a real "
            + "ovsdb-server";

    /** Metrics only a real switch, or a node in VLAN mode, serves: an excluded expression must use one. */
    static final List<String> REAL_SWITCH_ONLY = List.of("contiv_policy_", "contiv_ovs_", "contiv_openflow_table_",
            "contiv_uplink_");

    /**
     * Expressions not run for data, by panel title or alert name (every target of a panel), with the reason. Each
     * must reference a metric of {@link #REAL_SWITCH_ONLY}, and each must return no data: should the simulated node
     * ever serve those metrics, they fail here and come off this list.
     */
    static final Map<String, String> EXCLUDED = orderedMap(
            "Allowed packets per rule", POLICY_REASON,
            "Denied packets per rule", POLICY_REASON,
            "Allowed and denied bytes per group", POLICY_REASON,
            "Default-flow traffic", POLICY_REASON,
            "Rules per policy", POLICY_REASON,
            "Unmatched rules and flows", POLICY_REASON,
            "Rules not hit in 24 h", POLICY_REASON,
            "Top 10 denying rules, last hour", POLICY_REASON,
            "Share of IPv4 traffic no rule matched", POLICY_REASON,
            "ContivPolicyDeniedTrafficRising", POLICY_REASON,
            "Datapath lookups", SWITCH_REASON,
            "Datapath lost packets", SWITCH_REASON,
            "Datapath flows", SWITCH_REASON,
            "Trouble events", SWITCH_REASON,
            "ovs-vswitchd objects", SWITCH_REASON,
            "Flows per OpenFlow table", SWITCH_REASON,
            "Table lookups", SWITCH_REASON,
            "Table misses", SWITCH_REASON,
            "ContivDatapathLostPackets", SWITCH_REASON,
            "ContivDatapathFlowLimitHit", SWITCH_REASON,
            "Uplinks down", UPLINK_REASON,
            "Uplink throughput", UPLINK_REASON,
            "ContivUplinkDown", UPLINK_REASON);

    /**
     * Expressions whose condition the test cannot produce, by {@link #key}: the full expression must return no
     * data, the signal part (left of the top-level comparison) must.
     */
    static final Map<String, String> SIGNAL_ONLY = orderedMap(
            "ContivExporterStaleData", "needs a source whose last successful read is over 120 s old; the test "
                    + "lasts well under a minute (a source that never succeeded reports 0 and would qualify, but "
                    + "every source of the demo succeeds at start)",
            "panel \"Errors and collisions per container\" C", "collisions: OVS reports 0 for internal and veth "
                    + "ports and the simulated switch always does; it has no switch for collisions");

    /**
     * Expressions that return no data while the simulated node is healthy and must return data once the test has
     * broken it, by {@link #key}, with the fault that feeds each.
     */
    static final Map<String, String> DRIVEN = orderedMap(
            "ContivExporterSourceDown", "netmaster answers HTTP 500; the orphan interface makes the netplugin "
                    + "exporter read netmaster at once, which fails: contiv_exporter_source_up{source=\"netmaster\"} 0",
            "ContivEndpointLinkDown", "link_state down on an interface whose admin_state is up",
            "ContivEndpointLinkFlapping", "link_resets of an interface from 0 to 5",
            "ContivOrphanInterfaces", "an interface with an endpoint-id netmaster does not know added to OVS",
            "ContivMissingEndpointInterfaces", "the interface of one of node1's endpoints removed from OVS",
            "panel \"Link state changes\" A", "link_resets of an interface from 0 to 5",
            "ContivTunnelDown", "the tunnel to node2 loses its egress interface (OVS's status column empties)");

    /** {@code X or vector(0)}: X alone must return data too by the end, else a broken X would go unnoticed. */
    private static final Pattern OR_VECTOR_ZERO = Pattern.compile("^(.*?)\\s+or\\s+vector\\(0\\)\\s*$", Pattern.DOTALL);

    // ------------------------------------------------------------------------------------------ the lists

    @Test
    void listsNameExistingExpressionsAndExcludeOnlyRealSwitchOnes() {
        List<Expression> all = PromqlExpressions.all();
        Set<String> names = all.stream().map(Expression::name).collect(Collectors.toSet());
        Set<String> keys = all.stream().map(MonitoringEndToEndIT::key).collect(Collectors.toSet());
        assertThat(names).as("names in EXCLUDED").containsAll(EXCLUDED.keySet());
        assertThat(keys).as("keys in SIGNAL_ONLY").containsAll(SIGNAL_ONLY.keySet());
        assertThat(keys).as("keys in DRIVEN").containsAll(DRIVEN.keySet());
        for (Expression e : all) {
            if (excluded(e)) {
                assertThat(REAL_SWITCH_ONLY).as("excluded, but uses no metric only a real switch serves: " + e)
                        .anyMatch(prefix -> e.promql().contains(prefix));
                assertThat(SIGNAL_ONLY).doesNotContainKey(key(e));
                assertThat(DRIVEN).doesNotContainKey(key(e));
            }
        }
    }

    @Test
    void signalPartIsTheLeftSideOfTheTopLevelComparison() {
        assertThat(signalPart("time() - contiv_exporter_source_last_success_timestamp_seconds > 120"))
                .isEqualTo("time() - contiv_exporter_source_last_success_timestamp_seconds");
        assertThat(signalPart("sum by (a) (rate(x{a=~\"b>c\", d!=\"e\"}[1m])) > 0"))
                .isEqualTo("sum by (a) (rate(x{a=~\"b>c\", d!=\"e\"}[1m]))");
        assertThat(signalPart("100 * a / (b > 0) >= 90")).isEqualTo("100 * a / (b > 0)");
        assertThat(signalPart("up == 0")).isEqualTo("up");
        assertThatThrownBy(() -> signalPart("a > 0 or b > 0"))
                .hasMessageContaining("or");
        assertThatThrownBy(() -> signalPart("sum(a)"))
                .hasMessageContaining("no top-level comparison");
    }

    // ------------------------------------------------------------------------------------------ end to end

    @Test
    void everyDashboardAndAlertExpressionReturnsDataFromTheSimulatedCluster() throws IOException {
        Requirements.fromEnvironment().requireBinaries(RealPrometheus.REQUIRED_BINARIES);
        long started = System.nanoTime();
        List<Expression> all = PromqlExpressions.all();
        List<Expression> run = all.stream().filter(e -> !excluded(e)).toList();
        List<Expression> direct = run.stream()
                .filter(e -> !DRIVEN.containsKey(key(e)) && !SIGNAL_ONLY.containsKey(key(e))).toList();
        List<Expression> driven = run.stream().filter(e -> DRIVEN.containsKey(key(e))).toList();
        Report report = new Report();

        try (Demo demo = Demo.start(SPEC, MetricNaming.PROMETHEUS, new int[] {0, 0}, TICK);
             Socket deadExporter = boundNotListening()) {
            int deadPort = deadExporter.getLocalPort();
            List<Target> targets = List.of(
                    new Target("contiv-netplugin", "contiv-netplugin-n1x7q", "node1", demo.netpluginPort()),
                    new Target("contiv-netmaster", "contiv-netmaster-5c8d9", "node1", demo.netmasterPort()),
                    // node2's exporter is not running: its port refuses connections (ContivExporterDown)
                    new Target("contiv-netplugin", "contiv-netplugin-k4m2z", "node2", deadPort));
            try (RealPrometheus prometheus = RealPrometheus.start(prometheusConfig(targets),
                    Map.of("alerts.yml", configMapData("alerts.yml")))) {
                Api api = new Api(prometheus);

                // Two scrapes of every target: the live ones up, the dead one down.
                api.awaitAll(List.of(
                        "count_over_time(up{job=\"" + JOB + "\", pod=\"contiv-netplugin-n1x7q\"}[30s]) >= 2",
                        "count_over_time(up{job=\"" + JOB + "\", pod=\"contiv-netmaster-5c8d9\"}[30s]) >= 2",
                        "count_over_time(up{job=\"" + JOB + "\", pod=\"contiv-netplugin-k4m2z\"}[30s]) >= 2"),
                        SCRAPES_TIMEOUT);
                assertThat(api.values("up{job=\"" + JOB + "\"}", "pod")).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "contiv-netplugin-n1x7q", 1.0, "contiv-netmaster-5c8d9", 1.0, "contiv-netplugin-k4m2z", 0.0));
                report.line("targets scraped twice after %.1f s", seconds(started));

                // Phase 1, healthy node: everything but the fault-driven, signal-only and excluded expressions.
                long phase1 = System.nanoTime();
                Map<Expression, Double> firstData = api.awaitData(direct, DATA_TIMEOUT, phase1);
                report.section("returned data without a fault (seconds after the second scrape)", firstData);
                for (Expression e : driven) {
                    assertThat(api.result(e.promql())).as("before any fault, " + e).isEmpty();
                }

                // Phase 2: break the node.
                Faults faults = Faults.apply(demo);
                report.line("faults: %s", faults);
                long phase2 = System.nanoTime();
                Map<Expression, Double> drivenData = api.awaitData(driven, DATA_TIMEOUT, phase2);
                report.section("returned data once the faults were in (seconds after the faults)", drivenData);

                // The faults are the ones expected, and the rest of the dashboard still shows data during them.
                checkFaultedState(api, faults);
                api.awaitData(direct, DATA_TIMEOUT, phase2);

                // "X or vector(0)": X itself.
                Map<String, String> leftSides = new TreeMap<>();
                for (Expression e : run) {
                    var m = OR_VECTOR_ZERO.matcher(e.promql());
                    if (m.matches()) {
                        leftSides.put(key(e), m.group(1));
                    }
                }
                api.awaitAll(leftSides, DATA_TIMEOUT);
                report.line("left sides of \"or vector(0)\" returned data too: %s", leftSides.keySet());

                // Conditions the test cannot produce: the signal, not the alert.
                for (Expression e : run) {
                    if (SIGNAL_ONLY.containsKey(key(e))) {
                        assertThat(api.result(e.promql())).as("full expression of " + key(e)
                                + " returns data: take it off SIGNAL_ONLY").isEmpty();
                        String signal = signalPart(e.promql());
                        api.awaitAll(Map.of("signal part of " + key(e), signal), DATA_TIMEOUT);
                        report.line("signal only, %s: %s (%s)", key(e), signal, SIGNAL_ONLY.get(key(e)));
                    }
                }

                // Excluded: no data (of X, for "X or vector(0)"), or the exclusion is stale.
                for (Expression e : all) {
                    if (excluded(e)) {
                        var orZero = OR_VECTOR_ZERO.matcher(e.promql());
                        String data = orZero.matches() ? orZero.group(1) : e.promql();
                        assertThat(api.result(data)).as(e + " is excluded (" + EXCLUDED.get(e.name())
                                + ") but returns data: take it off EXCLUDED").isEmpty();
                        report.line("excluded, no data: %s", e);
                    }
                }

                // The rule file is loaded and evaluated: every alert whose expression has data is pending or firing.
                List<String> alerting = run.stream().filter(e -> e.kind() == Kind.ALERT_RULE)
                        .filter(e -> !SIGNAL_ONLY.containsKey(key(e)))
                        .map(e -> "ALERTS{alertname=\"" + e.name() + "\"}").toList();
                api.awaitAll(alerting, DATA_TIMEOUT);
                report.line("ALERTS: %s", api.values("ALERTS", "alertname", "alertstate"));
            }
        } finally {
            report.line("test took %.1f s", seconds(started));
            System.out.println(report);
        }
    }

    /** What the faults must have done, checked on the values Prometheus holds. */
    private static void checkFaultedState(Api api, Faults faults) {
        // Link down reported only where the admin state is up.
        assertThat(api.values(expression("ContivEndpointLinkDown"), "interface").keySet())
                .containsExactly(faults.linkDown());
        assertThat(api.values("contiv_endpoint_admin_up == 0", "interface").keySet())
                .containsExactly(faults.adminDown());
        assertThat(api.values(expression("ContivEndpointLinkFlapping"), "interface").keySet())
                .containsExactly(faults.resets());
        assertThat(api.values(expression("ContivOrphanInterfaces"), "pod")).containsExactlyEntriesOf(
                Map.of("contiv-netplugin-n1x7q", 1.0));
        assertThat(api.values(expression("ContivMissingEndpointInterfaces"), "pod")).containsExactlyEntriesOf(
                Map.of("contiv-netplugin-n1x7q", 1.0));
        // (the netmaster exporter looks netmaster up in etcd every 30 s: its lookup may have failed too by now)
        Map<String, Double> sourcesDown = api.values(expression("ContivExporterSourceDown"), "pod", "source");
        assertThat(sourcesDown).containsEntry("contiv-netplugin-n1x7q/etcd_endpoints", 0.0);
        assertThat(sourcesDown.keySet()).allMatch(k -> k.equals("contiv-netplugin-n1x7q/etcd_endpoints")
                || k.equals("contiv-netmaster-5c8d9/etcd"));
        assertThat(api.values(expression("ContivExporterDown"), "pod")).containsExactlyEntriesOf(
                Map.of("contiv-netplugin-k4m2z", 0.0));
        // Only the tunnel that lost its egress interface, labelled with the host at its other end.
        assertThat(api.values(expression("ContivTunnelDown"), "interface", "remote_host").keySet())
                .containsExactly(faults.tunnelDown() + "/node2");
        // Both data networks, not the infra network.
        assertThat(api.values(expression("ContivAddressPoolNearlyFull"), "network").keySet())
                .containsExactlyInAnyOrder("net0-0", "net1-0");
    }

    private static String expression(String alert) {
        return PromqlExpressions.all().stream().filter(e -> e.kind() == Kind.ALERT_RULE && e.name().equals(alert))
                .findFirst().orElseThrow().promql();
    }

    // ------------------------------------------------------------------------------------------ faults

    /** The faults applied to the simulated node, on interfaces of node1's endpoints. */
    record Faults(String linkDown, String adminDown, String resets, String removed, String orphan,
                  String tunnelDown) {

        static Faults apply(Demo demo) {
            List<Endpoint> onNode = demo.node().cluster().endpointsOnHost(Demo.NODE);
            SimulatedOvsdbDatabase ovs = demo.node().ovsdb().database();
            Faults f = new Faults(onNode.get(0).interfaceName(), onNode.get(1).interfaceName(),
                    onNode.get(2).interfaceName(), onNode.get(3).interfaceName(), "vvport" + (onNode.size() + 70),
                    "vxif" + demo.node().cluster().vtepAddress("node2").replace(".", ""));
            // etcd fails first, so that the lookup the orphan triggers fails (netplugin mode reads endpoint state there)
            demo.node().etcd().faults().answerServerError(true);
            ovs.updateInterface(f.linkDown, i -> i.withLinkState("down"));
            ovs.updateInterface(f.adminDown, i -> i.withAdminState("down").withLinkState("down"));
            ovs.updateInterface(f.resets, i -> i.withLinkResets(5L));
            ovs.removeInterface(f.removed);
            ovs.updateInterface(f.tunnelDown, i -> i.withStatus(Map.of()));
            ovs.addInterface(SimulatedInterface.endpoint(f.orphan,
                    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", onNode.size() + 70,
                    SPEC.seed()));
            return f;
        }
    }

    // ------------------------------------------------------------------------------------------ configuration

    /** A pod as Kubernetes' pod discovery would describe it. */
    record Target(String k8sApp, String pod, String node, int port) {
    }

    /**
     * The ConfigMap's prometheus.yml with the Kubernetes pod discovery replaced by static targets that carry the
     * meta labels that discovery would give the pods, so that the shipped relabelling runs unchanged: the
     * annotations come from the sidecar patches (the port replaced by the demo's), the {@code k8s-app} label is
     * Contiv's. Intervals shortened to 1 s.
     */
    static String prometheusConfig(List<Target> targets) {
        ObjectNode config = (ObjectNode) Manifests.readYaml(configMapData("prometheus.yml"));
        ObjectNode global = (ObjectNode) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        assertThat(config.path("rule_files").toString()).isEqualTo("[\"alerts.yml\"]");
        ObjectNode job = null;
        for (JsonNode j : config.path("scrape_configs")) {
            if (JOB.equals(j.path("job_name").asText())) {
                job = (ObjectNode) j;
            }
        }
        assertThat(job).as("scrape job " + JOB).isNotNull();
        assertThat(job.path("kubernetes_sd_configs").toString()).isEqualTo("[{\"role\":\"pod\"}]");
        job.remove("kubernetes_sd_configs");
        ArrayNode statics = job.putArray("static_configs");
        for (Target t : targets) {
            ObjectNode group = statics.addObject();
            // A hostNetwork pod's IP, no port: the port comes from the prometheus.io/port annotation.
            group.putArray("targets").add("127.0.0.1");
            ObjectNode labels = group.putObject("labels");
            labels.put("__meta_kubernetes_namespace", "kube-system");
            labels.put("__meta_kubernetes_pod_name", t.pod());
            labels.put("__meta_kubernetes_pod_node_name", t.node());
            labels.put("__meta_kubernetes_pod_label_k8s_app", t.k8sApp());
            labels.put("__meta_kubernetes_pod_labelpresent_k8s_app", "true");
            podAnnotations(t.k8sApp()).forEach((name, value) -> {
                String sanitized = name.replaceAll("[^a-zA-Z0-9_]", "_");
                labels.put("__meta_kubernetes_pod_annotation_" + sanitized,
                        name.equals("prometheus.io/port") ? Integer.toString(t.port()) : value);
                labels.put("__meta_kubernetes_pod_annotationpresent_" + sanitized, "true");
            });
        }
        try {
            return Manifests.YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key of the Prometheus ConfigMap, what the Prometheus Deployment mounts into /etc/prometheus. */
    static String configMapData(String key) {
        JsonNode configMap = Manifests.readYaml(DeployFiles.deploy("kubernetes/prometheus/configmap.yaml"));
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        JsonNode value = configMap.path("data").path(key);
        assertThat(value.isTextual()).as("data." + key + " of the Prometheus ConfigMap").isTrue();
        return value.asText();
    }

    /** A port that refuses connections and that nobody else can take while the socket is open. */
    private static Socket boundNotListening() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pod annotations the sidecar patch of {@code k8sApp} sets. */
    private static Map<String, String> podAnnotations(String k8sApp) {
        String patch = k8sApp.equals("contiv-netplugin") ? "netplugin-exporter-patch.yaml" : "netmaster-exporter-patch.yaml";
        JsonNode tree = Manifests.readYaml(DeployFiles.deploy("kubernetes/contiv-sidecars/" + patch));
        Map<String, String> annotations = new LinkedHashMap<>();
        tree.path("spec").path("template").path("metadata").path("annotations").fields()
                .forEachRemaining(f -> annotations.put(f.getKey(), f.getValue().asText()));
        assertThat(annotations).containsKeys("prometheus.io/scrape", "prometheus.io/port");
        return annotations;
    }

    // ------------------------------------------------------------------------------------------ expressions

    static boolean excluded(Expression e) {
        return EXCLUDED.containsKey(e.name());
    }

    /** Alert name, variable name, or {@code panel "<title>" <refId>}. */
    static String key(Expression e) {
        if (e.kind() != Kind.DASHBOARD_PANEL) {
            return e.name();
        }
        String source = e.source();
        return "panel \"" + e.name() + "\" " + source.substring(source.lastIndexOf(" target ") + " target ".length());
    }

    /**
     * The left side of an expression's top-level comparison ({@code == != > < >= <=}): what the alert or panel
     * compares with its threshold.
     *
     * @throws IllegalArgumentException when there is no top-level comparison, or a top-level and/or/unless
     */
    static String signalPart(String promql) {
        int depth = 0;
        int comparison = -1;
        char quote = 0;
        for (int i = 0; i < promql.length(); i++) {
            char c = promql.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth--;
                default -> {
                    if (depth == 0) {
                        String rest = promql.substring(i);
                        if (rest.matches("(?s)^(or|and|unless)\\b.*") && i > 0
                                && Character.isWhitespace(promql.charAt(i - 1))) {
                            throw new IllegalArgumentException("top-level " + rest.split("\\s", 2)[0] + " in " + promql);
                        }
                        if ((c == '>' || c == '<' || c == '=' || c == '!')
                                && (c == '>' || c == '<' || rest.startsWith("==") || rest.startsWith("!="))) {
                            comparison = i;
                            if (rest.length() > 1 && rest.charAt(1) == '=') {
                                i++;
                            }
                        }
                    }
                }
            }
        }
        if (comparison < 0) {
            throw new IllegalArgumentException("no top-level comparison in " + promql);
        }
        return promql.substring(0, comparison).strip();
    }

    // ------------------------------------------------------------------------------------------ Prometheus API

    /** Instant queries, and polling until results arrive. */
    private record Api(RealPrometheus prometheus) {

        JsonNode result(String promql) {
            return prometheus.query(promql).path("data").path("result");
        }

        /** Each result's value by the given labels (joined with "/"). */
        Map<String, Double> values(String promql, String... labels) {
            Map<String, Double> out = new TreeMap<>();
            for (JsonNode sample : result(promql)) {
                String k = Arrays.stream(labels).map(l -> sample.path("metric").path(l).asText())
                        .collect(Collectors.joining("/"));
                out.put(k, sample.path("value").get(1).asDouble());
            }
            return out;
        }

        /**
         * Polls until every expression has returned data once; fails naming all that had none by the timeout.
         *
         * @return for each expression, the seconds from {@code since} to its first data
         */
        Map<Expression, Double> awaitData(List<Expression> expressions, Duration timeout, long since) {
            Map<Expression, Double> found = new LinkedHashMap<>();
            await(expressions, Expression::promql, timeout, e -> found.put(e, seconds(since)));
            return found;
        }

        void awaitAll(List<String> promql, Duration timeout) {
            await(promql, p -> p, timeout, p -> { });
        }

        /** Polls until every expression (by what it is) has returned data once. */
        void awaitAll(Map<String, String> promqlByWhat, Duration timeout) {
            await(List.copyOf(promqlByWhat.entrySet()), Map.Entry::getValue, timeout, p -> { });
        }

        private <T> void await(List<T> items, Function<T, String> promql, Duration timeout,
                               Consumer<T> onData) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<T> pending = new LinkedHashSet<>(items);
            while (true) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    T item = it.next();
                    if (!result(promql.apply(item)).isEmpty()) {
                        onData.accept(item);
                        it.remove();
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no data after " + timeout.toSeconds() + " s from " + pending.size()
                            + " expressions:\n  " + pending.stream().map(String::valueOf)
                            .collect(Collectors.joining("\n  ")));
                }
                sleep(POLL);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** What happened, printed at the end (surefire keeps it in target/surefire-reports). */
    private static final class Report {
        private final List<String> lines = new ArrayList<>();

        void line(String format, Object... args) {
            lines.add(String.format(format, args));
        }

        void section(String title, Map<Expression, Double> data) {
            lines.add(title + ":");
            data.forEach((e, s) -> lines.add(String.format("  %5.1f  %s", s, key(e))));
        }

        @Override
        public String toString() {
            return "[MonitoringEndToEndIT]\n" + String.join("\n", lines);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
