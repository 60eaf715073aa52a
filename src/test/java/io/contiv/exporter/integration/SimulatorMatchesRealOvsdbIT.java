package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.support.SimulatedRowsInRealOvsdb;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulated OVSDB must not drift from the real protocol: the same exporter sees the same rows in both. */
class SimulatorMatchesRealOvsdbIT {

    @Test
    void theExporterServesTheSameSeriesFromTheSimulatorAndFromARealOvsdbServer() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        ClusterSpec spec = ClusterSpec.defaults().withSeed(11).withEndpointsPerNode(10).withNodes(2);
        try (SimulatedNode node = SimulatedNode.start(spec, "node1", null);
             RealOvsdbServer real = RealOvsdbServer.start()) {
            node.clock().advance(3);
            SimulatedRowsInRealOvsdb.copy(node, real, "contivVlanBridge");
            String[] common = {"--mode", "netplugin", "--netmaster", node.netmaster().hostPort(),
                "--node.name", "node1"};
            try (RunningExporter fromSimulator = RunningExporter.start(with(common, node.ovsdbAddress()));
                 RunningExporter fromReal = RunningExporter.start(with(common, real.tcpAddress()))) {
                Map<String, Double> simulated = stable(fromSimulator.scrapeUntil(
                        b -> b.contains("contiv_endpoint_ofport{"), Duration.ofSeconds(5)));
                Map<String, Double> actual = stable(fromReal.scrapeUntil(
                        b -> b.contains("contiv_endpoint_ofport{"), Duration.ofSeconds(5)));

                assertThat(simulated.keySet().stream().filter(k -> k.startsWith("contiv_endpoint_info{")))
                        .hasSize(10);
                assertThat(simulated).containsEntry("contiv_exporter_source_up{source=\"ovsdb\"}", 1.0);
                // the tunnel to node2, read with selects on the type and options columns, labelled from netmaster
                assertThat(simulated).containsEntry("contiv_tunnel_link_up{interface=\"vxif19216822\","
                        + "remote_host=\"node2\",remote_vtep=\"192.168.2.2\"}", 1.0);
                assertThat(simulated).isEqualTo(actual);
            }
        }
    }

    private static String[] with(String[] common, String ovsdb) {
        String[] args = java.util.Arrays.copyOf(common, common.length + 2);
        args[common.length] = "--ovsdb";
        args[common.length + 1] = ovsdb;
        return args;
    }

    /** Everything but the timings, which differ between any two runs. */
    private static Map<String, Double> stable(String body) {
        Map<String, Double> samples = new TreeMap<>(ExpositionText.samples(body));
        samples.keySet().removeIf(k -> k.startsWith("contiv_exporter_source_duration_seconds")
                || k.startsWith("contiv_exporter_source_last_success_timestamp_seconds"));
        return samples;
    }
}
