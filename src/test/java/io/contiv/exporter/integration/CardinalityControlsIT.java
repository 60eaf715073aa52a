package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.support.SimulatedRowsInRealOvsdb;
import io.contiv.exporter.testing.CloseAll;
import io.contiv.exporter.testing.Promtool;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cardinality controls against a real ovsdb-server holding a simulated node's rows (6 endpoints of two tenants,
 * tunnels to 2 peer nodes) and the simulated cluster's netmaster: each setting serves the series docs/cardinality.md
 * says, per endpoint and per node; each collector switch takes its families out; a deleted endpoint's or tunnel's
 * series are all gone from the first exposition without its row.
 */
class CardinalityControlsIT {

    private static final ClusterSpec SPEC = ClusterSpec.defaults().withSeed(5).withTenants(2)
            .withNetworksPerTenant(1).withGroupsPerNetwork(2).withEndpointsPerNode(6).withNodes(3);
    private static final String HOST = "node1";
    private static final Pattern INTERFACE = Pattern.compile("interface=\"(vvport\\d+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * A row of the first table of docs/cardinality.md: the setting, and the series it serves for each endpoint it
     * applies to (the others keep the default 15).
     */
    private record PerEndpoint(String row, List<String> flags, Predicate<Endpoint> appliesTo, int series) {
    }

    private static final List<PerEndpoint> PER_ENDPOINT = List.of(
            new PerEndpoint("default", List.of(), e -> true, 15),
            new PerEndpoint("`--collector.endpoint.statistics=rx_bytes,tx_bytes,rx_packets,tx_packets`",
                    List.of("--collector.endpoint.statistics=rx_bytes,tx_bytes,rx_packets,tx_packets"), e -> true, 10),
            new PerEndpoint("`--collector.endpoint.statistics=`", List.of("--collector.endpoint.statistics="),
                    e -> true, 6),
            new PerEndpoint("`--metric-names legacy`", List.of("--metric-names", "legacy"), e -> true, 9),
            new PerEndpoint("`--metric-names legacy --collector.endpoint.statistics=rx_bytes,tx_bytes`",
                    List.of("--metric-names", "legacy", "--collector.endpoint.statistics=rx_bytes,tx_bytes"),
                    e -> true, 2),
            new PerEndpoint("`--tenant.exclude=tenant1` (an endpoint of tenant1)", List.of("--tenant.exclude=tenant1"),
                    e -> e.tenantName().equals("tenant1"), 0),
            new PerEndpoint("`--tenant.include=default` (an endpoint of another tenant)",
                    List.of("--tenant.include=default"), e -> !e.tenantName().equals("default"), 0),
            new PerEndpoint("`--no-collector.endpoint`", List.of("--no-collector.endpoint"), e -> true, 0));

    private static SimulatedNode node;
    private static RealOvsdbServer ovsdb;
    private static List<Endpoint> endpoints;

    @BeforeAll
    static void copyASimulatedNodeIntoARealOvsdbServer() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        node = SimulatedNode.start(SPEC, HOST, null);
        node.clock().advance(3);
        ovsdb = RealOvsdbServer.start();
        SimulatedRowsInRealOvsdb.copy(node, ovsdb, "contivVxlanBridge");
        endpoints = node.cluster().endpointsOnHost(HOST);
        assertThat(endpoints).hasSize(6);
        assertThat(endpoints).extracting(Endpoint::tenantName).contains("default", "tenant1");
    }

    @AfterAll
    static void stopEverything() {
        CloseAll.close(ovsdb, node);
    }

    @Test
    void everySettingServesTheDocumentedSeriesPerEndpoint() throws IOException {
        String doc = Files.readString(Path.of("docs/cardinality.md"), StandardCharsets.UTF_8);
        for (PerEndpoint setting : PER_ENDPOINT) {
            assertThat(doc).contains("| " + setting.row() + " | " + setting.series() + " |");
            try (RunningExporter exporter = start(setting.flags().toArray(String[]::new))) {
                Map<String, Double> samples = settled(exporter);
                Map<String, Integer> perInterface = seriesPerInterface(samples);
                for (Endpoint endpoint : endpoints) {
                    int expected = setting.appliesTo().test(endpoint) ? setting.series() : 15;
                    assertThat(perInterface.getOrDefault(endpoint.interfaceName(), 0))
                            .as(setting.row() + ": " + endpoint.interfaceName() + " of " + endpoint.tenantName())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void perNodeTheEndpointTunnelsDropsAndHealthCollectorsServeWhatTheDocSays() throws IOException {
        String doc = Files.readString(Path.of("docs/cardinality.md"), StandardCharsets.UTF_8);
        assertThat(doc).contains("| endpoint | 2 (", "| health (always on) | 4 per source read + 1 (`contiv_exporter_build_info`) + 13 of the metrics server",
                "| tunnels | up to 9 per tunnel", "| drops | 2 with the endpoint collector",
                "has N−1 tunnels whose simulated ports report all 9");
        try (RunningExporter exporter = start()) {
            Map<String, Double> samples = settled(exporter);
            int peers = SPEC.nodes() - 1;
            int sources = 3; // etcd_endpoints (the metadata), ovsdb, ovsdb_tunnels
            assertThat(count(samples, "contiv_orphan_interfaces") + count(samples, "contiv_missing_endpoint"))
                    .isEqualTo(2);
            assertThat(count(samples, "contiv_tunnel_")).isEqualTo(9 * peers);
            assertThat(count(samples, "contiv_dropped_packets_total")).isEqualTo(2);
            int server = 9 + 3 + 1; // rejected by reason, timeouts by reason, open connections
            assertThat(count(samples, "contiv_exporter_")).isEqualTo(4 * sources + 1 + server);
            assertThat(samples).hasSize(endpoints.size() * 15 + 2 + 9 * peers + 2 + 4 * sources + 1 + server);
            assertThat(samples).containsEntry("contiv_tunnel_link_up{interface=\"vxif19216822\","
                    + "remote_host=\"node2\",remote_vtep=\"192.168.2.2\"}", 1.0);
            Requirements.fromEnvironment().requireBinaries(Promtool.REQUIRED_BINARIES);
            assertThat(Promtool.locate().checkMetrics(exporter.get("/metrics").body()).output()).isEmpty();
        }
    }

    @Test
    void eachCollectorSwitchTakesOutItsFamiliesAndItsSources() {
        try (RunningExporter exporter = start("--no-collector.tunnels", "--no-collector.drops")) {
            Map<String, Double> samples = settled(exporter);
            assertThat(count(samples, "contiv_tunnel_")).isZero();
            assertThat(count(samples, "contiv_dropped_packets")).isZero();
            assertThat(samples).doesNotContainKey("contiv_exporter_source_up{source=\"ovsdb_tunnels\"}");
            assertThat(count(samples, "contiv_endpoint_info")).isEqualTo(endpoints.size());
        }
        try (RunningExporter exporter = start("--no-collector.endpoint")) {
            Map<String, Double> samples = ExpositionText.samples(
                    exporter.scrapeUntil(b -> b.contains("contiv_tunnel_link_up"), TIMEOUT));
            assertThat(count(samples, "contiv_endpoint_")).isZero();
            assertThat(count(samples, "contiv_orphan_interfaces")).isZero();
            // drops by reason counts the interfaces only through the endpoint collector's OVSDB monitor
            assertThat(count(samples, "contiv_dropped_packets_total{")).isZero();
            // without the endpoint collector nothing names the hosts of the remote VTEPs
            assertThat(samples).containsEntry("contiv_tunnel_link_up{interface=\"vxif19216822\",remote_host=\"\","
                    + "remote_vtep=\"192.168.2.2\"}", 1.0);
            assertThat(sources(samples)).containsExactly("ovsdb_tunnels");
        }
        try (TemporaryDirectory empty = TemporaryDirectory.create("contiv-no-switch-");
             RunningExporter exporter = start("--collector.vswitchd", "--collector.tables", "--ovs.rundir",
                     empty.path().toString())) {
            Map<String, Double> samples = ExpositionText.samples(exporter.scrapeUntil(
                    b -> b.contains("contiv_exporter_source_errors_total{source=\"vswitchd\"} 1.0")
                            && b.contains("contiv_exporter_source_errors_total{source=\"openflow_tables\"} 1.0"),
                    TIMEOUT));
            assertThat(samples).containsEntry("contiv_exporter_source_up{source=\"vswitchd\"}", 0.0)
                    .containsEntry("contiv_exporter_source_up{source=\"openflow_tables\"}", 0.0);
            assertThat(count(samples, "contiv_ovs_")).isZero();
            assertThat(count(samples, "contiv_openflow_table_")).isZero();
        }
    }

    @Test
    void aDeletedEndpointsAndTunnelsSeriesAreAllGoneFromTheFirstExpositionWithoutItsRow() {
        try (RealOvsdbServer own = RealOvsdbServer.start()) {
            SimulatedRowsInRealOvsdb.copy(node, own, "contivVxlanBridge");
            try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin", "--etcd",
                    node.etcdEndpoint(), "--node.name", HOST, "--ovsdb", own.tcpAddress(),
                    "--ovs.poll-interval", "200ms")) {
                settled(exporter);
                Endpoint deleted = endpoints.get(2);
                own.deleteInterface(deleted.interfaceName());
                String body = exporter.scrapeUntil(b -> !b.contains("interface=\"" + deleted.interfaceName() + "\""),
                        TIMEOUT);
                Map<String, Double> samples = ExpositionText.samples(body);
                assertThat(seriesPerInterface(samples)).doesNotContainKey(deleted.interfaceName())
                        .hasSize(endpoints.size() - 1).allSatisfy((name, series) -> assertThat(series).isEqualTo(15));
                // its state in etcd still places the endpoint here: once settled, it is missing from OVS
                assertThat(ExpositionText.samples(exporter.scrapeUntil(
                        b -> b.contains("contiv_missing_endpoint_interfaces 1.0"), TIMEOUT.plusSeconds(10))))
                        .containsEntry("contiv_missing_endpoint_interfaces", 1.0);

                own.deleteInterface("vxif19216822");
                body = exporter.scrapeUntil(b -> !b.contains("vxif19216822"), TIMEOUT);
                assertThat(body).doesNotContain("vxif19216822").contains("interface=\"vxif19216823\"");
                assertThat(count(ExpositionText.samples(body), "contiv_tunnel_")).isEqualTo(9);
            }
        }
    }

    private static RunningExporter start(String... flags) {
        List<String> args = new ArrayList<>(List.of("--mode", "netplugin", "--etcd", node.etcdEndpoint(),
                "--node.name", HOST, "--ovsdb", ovsdb.tcpAddress(), "--ovs.poll-interval", "200ms"));
        args.addAll(Arrays.asList(flags));
        return RunningExporter.start(args.toArray(String[]::new));
    }

    /** A scrape once every source has been read and the endpoints joined (or the endpoint collector is off). */
    private static Map<String, Double> settled(RunningExporter exporter) {
        String body = exporter.scrapeUntil(b -> ExpositionText.samples(b).entrySet().stream()
                .filter(e -> e.getKey().startsWith("contiv_exporter_source_up{")).allMatch(e -> e.getValue() == 1.0)
                && (!b.contains("source=\"netmaster\"") || b.contains("contiv_orphan_interfaces ")
                || b.contains("tx_bytes{"))
                && (!b.contains("contiv_tunnel_link_up{") || !b.contains("remote_host=\"\"")), TIMEOUT);
        return ExpositionText.samples(body);
    }

    private static Map<String, Integer> seriesPerInterface(Map<String, Double> samples) {
        Map<String, Integer> perInterface = new TreeMap<>();
        for (String series : samples.keySet()) {
            Matcher m = INTERFACE.matcher(series);
            if (m.find()) {
                perInterface.merge(m.group(1), 1, Integer::sum);
            }
        }
        return perInterface;
    }

    private static long count(Map<String, Double> samples, String prefix) {
        return samples.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    private static List<String> sources(Map<String, Double> samples) {
        return samples.keySet().stream().filter(k -> k.startsWith("contiv_exporter_source_up{"))
                .map(k -> k.substring(k.indexOf('"') + 1, k.lastIndexOf('"'))).sorted().toList();
    }
}
