package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.app.Demo;
import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.support.DocumentedMetrics;
import io.contiv.exporter.support.ExporterCommand;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo in-process on a known seed, its counters moved by hand so every value is known. */
class DemoIT {

    private static final ClusterSpec SPEC = ClusterSpec.defaults().withSeed(7).withTenants(2)
            .withNetworksPerTenant(2).withGroupsPerNetwork(2).withEndpointsPerNode(12).withNodes(4);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheSimulatedNodeAndClusterAndCountersMove() throws Exception {
        try (Demo demo = Demo.start(SPEC, MetricNaming.PROMETHEUS, new int[] {0, 0}, null)) {
            List<Endpoint> onNode = demo.node().cluster().endpointsOnHost(Demo.NODE);
            assertThat(onNode).hasSize(12);

            String netplugin = scrapeUntil(demo.netpluginPort(), b -> b.contains("contiv_endpoint_info{"));
            Map<String, Double> samples = ExpositionText.samples(netplugin);
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_endpoint_info{"))).hasSize(12);
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_endpoint_transmit_bytes_total{")))
                    .hasSize(12);
            for (Endpoint endpoint : onNode) {
                Map<String, Long> ovs = demo.node().ovsdb().database().statistics(endpoint.interfaceName());
                String labels = labels(endpoint);
                assertThat(samples).containsEntry("contiv_endpoint_transmit_bytes_total" + labels,
                        (double) ovs.get("rx_bytes"));
                assertThat(samples).containsEntry("contiv_endpoint_receive_packets_total" + labels,
                        (double) ovs.get("tx_packets"));
            }

            Endpoint first = onNode.get(0);
            double before = samples.get("contiv_endpoint_transmit_bytes_total" + labels(first));
            demo.node().clock().advance(5);
            double expected = demo.node().ovsdb().database().statistics(first.interfaceName()).get("rx_bytes");
            assertThat(expected).isGreaterThan(before);
            String series = "contiv_endpoint_transmit_bytes_total" + labels(first);
            Map<String, Double> later = ExpositionText.samples(scrapeUntil(demo.netpluginPort(),
                    b -> ExpositionText.samples(b).getOrDefault(series, 0.0) == expected));
            assertThat(later).containsEntry(series, expected);

            Map<String, Double> inventory = ExpositionText.samples(
                    scrapeUntil(demo.netmasterPort(), b -> b.contains("contiv_tenants ")));
            assertThat(inventory).containsEntry("contiv_tenants", 2.0)
                    .containsEntry("contiv_host_endpoints{host=\"node1\"}", 12.0)
                    .containsEntry("contiv_host_endpoints{host=\"node4\"}", 12.0)
                    .containsEntry("contiv_endpoint_groups{network=\"net1-1\",tenant=\"tenant1\"}", 2.0)
                    .containsEntry("contiv_exporter_source_up{source=\"etcd\"}", 1.0);
        }
    }

    @Test
    void theReadmesMetricsTableDocumentsWhatBothExportersServeAndServesWhatItDocuments() throws Exception {
        try (Demo demo = Demo.start(SPEC, MetricNaming.PROMETHEUS, new int[] {0, 0}, null)) {
            String netplugin = scrapeUntil(demo.netpluginPort(), b -> b.contains("contiv_tunnel_link_up{")
                    && b.contains("contiv_dropped_packets_total{"));
            String netmaster = scrapeUntil(demo.netmasterPort(), b -> b.contains("contiv_network_info{"));
            DocumentedMetrics table = DocumentedMetrics.readme();
            table.assertDocuments(netplugin);
            table.assertDocuments(netmaster);
            // the simulated cluster has no VLAN uplink and no endpoint group with an address pool
            Set<String> notInTheDemo = new HashSet<>(DocumentedMetrics.expand(
                    "contiv_uplink_{transmit,receive}_{bytes,packets,errors,dropped}_total"));
            notInTheDemo.addAll(List.of("contiv_uplink_link_up", "contiv_endpoint_group_addresses_allocated",
                    "contiv_endpoint_group_addresses_capacity"));
            table.assertServesEveryRowOf(netplugin + netmaster,
                    Set.of("endpoint", "inventory", "tunnels", "drops", "always"), notInTheDemo);
        }
    }

    @Test
    void legacyNamesToo() throws Exception {
        try (Demo demo = Demo.start(SPEC, MetricNaming.LEGACY, new int[] {0, 0}, null)) {
            Map<String, Double> samples = ExpositionText.samples(scrapeUntil(demo.netpluginPort(),
                    b -> b.contains("rx_bytes{")));
            assertThat(samples.keySet().stream().filter(k -> k.startsWith("rx_bytes{"))).hasSize(12);
            Map<String, Double> inventory = ExpositionText.samples(scrapeUntil(demo.netmasterPort(),
                    b -> b.contains("count_of_tenants")));
            assertThat(inventory).containsEntry("count_of_tenants", 2.0);
        }
    }

    @Test
    void eachExportersLogLinesSayWhichOneWroteThem() throws Exception {
        try (TemporaryDirectory directory = TemporaryDirectory.create("contiv-demo-log-")) {
            Path log = directory.resolve("demo.log");
            Process demo = ExporterCommand.start(log, "demo", "--netplugin.port", "0", "--netmaster.port", "0",
                    "--endpoints", "2", "--nodes", "1");
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                List<String> leaders = List.of();
                while (leaders.isEmpty() && demo.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    leaders = Files.readAllLines(log).stream().filter(l -> l.contains("netmaster leader is"))
                            .toList();
                }
                // the netmaster exporter finds the leader once, on its refresh thread, and says so as itself; the
                // netplugin exporter reads its metadata from etcd and never looks for netmaster
                String written = Files.readString(log);
                assertThat(leaders).as("log: %s", written).singleElement().asString()
                        .contains("NetmasterLeader - netmaster exporter: netmaster leader is");
                assertThat(written.lines().filter(l -> l.contains("CollectorSelection - ")))
                        .isNotEmpty().allMatch(l -> l.contains("CollectorSelection - netplugin exporter: "));
            } finally {
                demo.destroy();
                demo.waitFor();
            }
        }
    }

    private static String labels(Endpoint endpoint) {
        return "{container=\"" + endpoint.containerName() + "\",endpoint_group=\""
                + endpoint.group().map(g -> g.groupName()).orElse("") + "\",host=\"" + endpoint.homingHost()
                + "\",interface=\"" + endpoint.interfaceName() + "\",network=\"" + endpoint.networkName()
                + "\",tenant=\"" + endpoint.tenantName() + "\"}";
    }

    private String scrapeUntil(int port, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        return body;
    }
}
