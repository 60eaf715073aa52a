package io.contiv.exporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The scrape deadline while every source is slow from the start: netmaster answers each request just inside the
 * per-request timeout (so its first full read takes several seconds) and OVSDB does not answer at all. Scrapes that
 * arrive together (two Prometheus replicas and an operator's curl) must all answer within --scrape.timeout, not one after the other.
 */
class ScrapeDeadlineIT {

    private static final String NODE = "node1";

    @Test
    void concurrentScrapesOfASlowStartAllMeetTheDeadline() throws Exception {
        ClusterSpec spec = ClusterSpec.defaults().withNetworksPerTenant(3);
        try (SimulatedNode node = SimulatedNode.start(spec, NODE, null)) {
            // etcd (the endpoint metadata, by default) and OVSDB both slow
            node.etcd().faults().delayResponses(Duration.ofMillis(450));
            node.ovsdb().faults().delayReplies(Duration.ofSeconds(5));
            List<String> options = new ArrayList<>(FaultPhase.FAST_OPTIONS);
            options.addAll(List.of("--mode", "netplugin", "--node.name", NODE, "--etcd", node.etcdEndpoint(),
                    "--ovsdb", node.ovsdbAddress()));
            ExecutorService scrapers = Executors.newFixedThreadPool(3);
            try (ExporterProcess exporter = ExporterProcess.start(options.toArray(String[]::new))) {
                List<Scrape> scrapes = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    List<CompletableFuture<Scrape>> together = List.of(
                            CompletableFuture.supplyAsync(exporter::scrape, scrapers),
                            CompletableFuture.supplyAsync(exporter::scrape, scrapers),
                            CompletableFuture.supplyAsync(exporter::scrape, scrapers));
                    for (CompletableFuture<Scrape> scrape : together) {
                        scrapes.add(scrape.get());
                    }
                }
                System.out.println("SCRAPE-DEADLINE latencies (ms): "
                        + scrapes.stream().map(s -> s.latency().toMillis()).toList());
                assertThat(scrapes).allSatisfy(scrape -> {
                    assertThat(scrape.status()).isEqualTo(200);
                    assertThat(scrape.latency()).isLessThan(FaultPhase.LATENCY_LIMIT);
                    // etcd (the endpoint metadata), ovsdb, and the tunnels' own OVSDB read
                    assertThat(scrape.count("contiv_exporter_source_up")).isEqualTo(3);
                });
                // (recovery from slow sources is the fault matrix's business)
            } finally {
                scrapers.shutdownNow();
            }
        }
    }

    @Test
    void aScrapeThatAnswersWithoutAFirstReadSaysSoOnceInTheLog() {
        try (SimulatedNode node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null)) {
            // the monitor's reply is late and its timeout (four source timeouts) far off: the first read is pending
            node.ovsdb().faults().delayReplies(Duration.ofSeconds(60));
            try (ExporterProcess exporter = ExporterProcess.start("--mode", "netplugin", "--node.name", NODE,
                    "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress(), "--source.timeout", "30s",
                    "--scrape.timeout", "1s")) {
                List<Scrape> scrapes = List.of(exporter.scrape(), exporter.scrape(), exporter.scrape());
                assertThat(scrapes).allSatisfy(scrape -> {
                    assertThat(scrape.status()).isEqualTo(200);
                    assertThat(scrape.up("ovsdb")).isZero();
                    assertThat(scrape.errors("ovsdb")).isZero();
                });
                assertThat(exporter.log().lines()
                        .filter(line -> line.contains("a scrape answered before the first read of ovsdb finished")))
                        .as("log: %s", exporter.log()).singleElement().asString().contains("[INFO]");
            }
        }
    }
}
