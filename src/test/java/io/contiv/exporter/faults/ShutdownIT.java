package io.contiv.exporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what Kubernetes sends a pod's containers): the exporter, serving a simulated node with a netmaster read
 * hanging in the background and an idle keep-alive connection from its last scraper, exits within 5 s, says so, and
 * leaves its port free.
 */
class ShutdownIT {

    private static final String NODE = "node1";
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void sigtermStopsTheExporterWithinFiveSeconds() throws Exception {
        try (SimulatedNode node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
             ExporterProcess exporter = ExporterProcess.start("--mode", "netplugin", "--node.name", NODE,
                     "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress(),
                     "--netmaster.refresh-interval", "200ms")) {
            int endpoints = node.cluster().endpointsOnHost(NODE).size();
            Scrape served = exporter.scrapeUntil(s -> s.count("contiv_endpoint_info") == endpoints,
                    Duration.ofSeconds(10));
            assertThat(served.count("contiv_endpoint_info")).isEqualTo(endpoints);
            // a read in flight that would take long: shutting down must not wait for it
            node.netmaster().faults().delayResponses(Duration.ofSeconds(30));
            Thread.sleep(500);

            long signalled = System.nanoTime();
            exporter.terminate();
            boolean exited = exporter.awaitExit(GRACE);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.println("SHUTDOWN exited=" + exited + " after " + took.toMillis() + " ms, exit value "
                    + (exited ? exporter.process().exitValue() : "-") + "; log tail "
                    + tail(exporter.log()));

            assertThat(exited).as("exited within %s; log %s", GRACE, exporter.log()).isTrue();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended as the signal asked
            assertThat(exporter.process().exitValue()).isEqualTo(143);
            List<String> lines = exporter.log().lines().toList();
            assertThat(lines).anyMatch(l -> l.contains("[INFO]") && l.contains("shutting down"));
            assertThat(lines).anyMatch(l -> l.contains("[INFO]") && l.contains("contiv-exporter stopped"));
            assertThat(lines).noneMatch(l -> l.contains("[WARN]") || l.contains("[ERROR]") || l.contains("Exception"));
            assertPortFree(exporter.port());
        }
    }

    private static void assertPortFree(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            throw new AssertionError("port " + port + " still accepts connections");
        } catch (IOException refused) {
            // nothing listens any more
        }
        // as a restarted exporter would bind it
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
