package io.contiv.exporter.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.bench.SimulatedNode;
import io.contiv.exporter.endpoint.StatisticNames;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.SidecarJvm;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The netplugin sidecar in production shape: the exporter in a JVM of its own with the sidecar's settings (the
 * image's options, 256 MiB, one CPU: a 128 MiB heap), a real ovsdb-server holding 10,000 endpoint interfaces, and
 * several statistics refreshes of all of them, each one transaction as ovs-vswitchd writes it. After each refresh,
 * a scrape as Prometheus asks for it (OpenMetrics, gzip) must show every one of the 90,000 counters with exactly
 * the value written, and the exporter must still be alive. Not timed: the figures are the bench's
 * ({@code bench/run.sh --production}).
 */
class SidecarAtTenThousandEndpointsIT {

    private static final int ENDPOINTS = 10_000;
    private static final int REFRESHES = 3;
    /** Generous: the first sync of 10,000 rows on a machine shared with other builds. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyCounterOfTenThousandEndpointsIsServedAsWrittenThroughSeveralRefreshes() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        assertThat(SidecarJvm.options()).contains("-XX:MaxRAM=256m", "-XX:+ExitOnOutOfMemoryError");
        try (SimulatedNode node = SimulatedNode.start(ENDPOINTS);
             ExporterProcess exporter = ExporterProcess.startAsSidecar("--mode", "netplugin",
                     "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdb().tcpAddress(),
                     "--node.name", SimulatedNode.HOST)) {
            // round 0: the statistics the interfaces were created with
            Map<String, Double> first = awaitCounters(exporter, counters -> counters.size() == ENDPOINTS * 9);
            assertThat(first).as("the exporter's log:\n%s", exporter.log()).hasSize(ENDPOINTS * 9);

            for (int round = 1; round <= REFRESHES; round++) {
                node.refreshStatistics(round);
                Map<String, Double> expected = expected(node, round);
                Map<String, Double> served = awaitCounters(exporter, expected::equals);

                assertThat(served).as("every counter after refresh %d", round).isEqualTo(expected);
                assertThat(exporter.process().isAlive()).isTrue();
            }
            assertThat(exporter.log()).doesNotContain("OutOfMemoryError");
        }
    }

    /** What the exporter must serve after round {@code round}: each written counter, rx and tx swapped. */
    private static Map<String, Double> expected(SimulatedNode node, long round) {
        Map<String, Double> expected = new HashMap<>(ENDPOINTS * 12);
        for (int i = 0; i < ENDPOINTS; i++) {
            String name = node.interfaceName(i);
            SimulatedNode.statistics(round, i).forEach((key, value) -> expected.put(
                    StatisticNames.counterName(key).orElseThrow() + "_total " + name, (double) value));
        }
        return expected;
    }

    /** Scrapes until the counters pass {@code done} (or patience runs out), and returns the last ones seen. */
    private Map<String, Double> awaitCounters(ExporterProcess exporter,
                                              java.util.function.Predicate<Map<String, Double>> done)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, Double> counters = Map.of();
        while (System.nanoTime() < deadline) {
            assertThat(exporter.process().isAlive()).as("the exporter is alive; its log:\n%s", exporter.log())
                    .isTrue();
            counters = counters(scrapeAsPrometheus(exporter));
            if (done.test(counters)) {
                return counters;
            }
            Thread.sleep(500);
        }
        return counters;
    }

    private String scrapeAsPrometheus(ExporterProcess exporter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                .header("Accept", PROMETHEUS_ACCEPT).header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every endpoint counter in an exposition, keyed by metric name and interface. */
    private static Map<String, Double> counters(String exposition) {
        Map<String, Double> counters = new HashMap<>(ENDPOINTS * 12);
        List<String> offending = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            int brace = line.indexOf('{');
            if (!line.startsWith("contiv_endpoint_") || brace < 0 || !line.substring(0, brace).endsWith("_total")
                    || line.startsWith("contiv_endpoint_link_resets")) {
                continue;
            }
            int label = line.indexOf("interface=\"", brace);
            if (label < 0) {
                offending.add(line);
                continue;
            }
            int start = label + "interface=\"".length();
            String name = line.substring(start, line.indexOf('"', start));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            counters.put(line.substring(0, brace) + " " + name, value);
        }
        assertThat(offending).as("counters without an interface label").isEmpty();
        return counters;
    }
}
