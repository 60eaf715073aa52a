package io.contiv.exporter.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 16 scrapers without pause against a netplugin-mode exporter on a node with 1,000 endpoints (counters moving every
 * second), for {@code -Dcontiv.load.seconds} (default 60): no scrape may fail, and the exporter's threads and file
 * descriptors must not grow. The exporter runs in its own JVM, so its threads and descriptors are counted from
 * /proc, apart from the test's; they are counted after a warm-up at the same concurrency (the HTTP server's pool of
 * 10 threads, the JIT, the scrapers' keep-alive connections), and again after the load and a settle period.
 */
class ScrapeLoadIT {

    private static final String NODE = "node1";
    private static final int ENDPOINTS = 1000;
    private static final int SCRAPERS = 16;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("contiv.load.seconds", 60));
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** Prometheus' scrape_timeout in deploy/prometheus/prometheus.yml: a slower scrape fails there. */
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    /** JVM-internal threads (JIT compiler, GC workers) come and go on their own. */
    private static final int THREAD_TOLERANCE = 3;
    private static final int DESCRIPTOR_TOLERANCE = 2;

    /** The sources of the default configuration: etcd given, endpoint metadata watched there. */
    private static final String ALL_UP = "contiv_exporter_source_up{source=\"etcd_endpoints\"} 1.0\n"
            + "contiv_exporter_source_up{source=\"ovsdb\"} 1.0\n";

    @Test
    void sixteenScrapersForAMinuteOnAThousandEndpoints() throws Exception {
        ClusterSpec spec = ClusterSpec.defaults().withTenants(4).withNetworksPerTenant(5).withGroupsPerNetwork(4)
                .withEndpointsPerNode(ENDPOINTS).withNodes(2);
        long started = System.nanoTime();
        try (SimulatedNode node = SimulatedNode.start(spec, NODE, Duration.ofSeconds(1));
             ExporterProcess exporter = ExporterProcess.start("--mode", "netplugin", "--node.name", NODE,
                     "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress())) {
            long exporterStarted = System.nanoTime();
            Scrape ready = exporter.scrapeUntil(s -> s.count("contiv_endpoint_info") == ENDPOINTS
                    && s.body().contains(ALL_UP), Duration.ofSeconds(30));
            System.out.printf("LOAD-SETUP node and exporter started in %d ms, all endpoints served %d ms later%n",
                    (exporterStarted - started) / 1_000_000, (System.nanoTime() - exporterStarted) / 1_000_000);
            assertThat(ready.count("contiv_endpoint_info")).isEqualTo(ENDPOINTS);
            assertThat(ready.body()).contains(ALL_UP);

            Load warmUp = Load.run(exporter, WARM_UP);
            assertThat(warmUp.failures()).as("failures during the warm-up").isEmpty();
            Thread.sleep(SETTLE.toMillis());
            int threadsBefore = exporter.threadCount();
            int descriptorsBefore = exporter.openFileDescriptors();
            long rssBefore = residentKilobytes(exporter.pid());

            Load load = Load.run(exporter, DURATION);
            Thread.sleep(SETTLE.toMillis());
            int threadsAfter = exporter.threadCount();
            int descriptorsAfter = exporter.openFileDescriptors();
            long rssAfter = residentKilobytes(exporter.pid());

            System.out.printf("LOAD %d scrapers for %d s on %d endpoints: %d scrapes (%.1f/s), %d failed; "
                            + "latency p50 %d ms, p99 %d ms, max %d ms; %d bytes per scrape; threads %d -> %d; "
                            + "file descriptors %d -> %d; RSS %d MiB -> %d MiB%n",
                    SCRAPERS, DURATION.toSeconds(), ENDPOINTS, load.scrapes(),
                    load.scrapes() / (double) DURATION.toSeconds(), load.failures().size(),
                    load.latencyPercentile(50), load.latencyPercentile(99), load.latencyPercentile(100),
                    load.bodyBytes(), threadsBefore, threadsAfter, descriptorsBefore, descriptorsAfter,
                    rssBefore / 1024, rssAfter / 1024);
            assertThat(load.failures()).as("failed scrapes; the exporter's warnings: %s", exporter.log().lines()
                    .filter(line -> line.contains("[WARN]") || line.contains("[ERROR]")).toList()).isEmpty();
            assertThat(load.scrapes()).isGreaterThan(SCRAPERS * DURATION.toSeconds() / 5);
            assertThat(threadsAfter).as("exporter threads after the load (before: %d)", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
            assertThat(descriptorsAfter).as("exporter file descriptors after the load (before: %d)",
                    descriptorsBefore).isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_TOLERANCE);
            assertThat(exporter.log()).doesNotContain("[WARN]").doesNotContain("[ERROR]");
            // every source was read recently (etcd proves itself alive after 30 s without a change of this node's
            // endpoints; OVSDB answers its keep-alive every 5 s), so ContivExporterStaleData (older than 120 s) stays
            // quiet on a healthy node
            Scrape last = exporter.scrape();
            double now = System.currentTimeMillis() / 1000.0;
            for (String source : List.of("etcd_endpoints", "ovsdb")) {
                assertThat(now - last.value("contiv_exporter_source_last_success_timestamp_seconds{source=\""
                        + source + "\"}")).as("age of the last success of %s", source).isLessThan(40);
            }
        }
    }

    /** Scrapers scraping without pause for a while; what they saw. */
    private record Load(long scrapes, List<String> failures, List<Long> latenciesMillis, long bodyBytes) {

        static Load run(ExporterProcess exporter, Duration duration) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong count = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            ExecutorService scrapers = Executors.newFixedThreadPool(SCRAPERS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < SCRAPERS; i++) {
                    running.add(scrapers.submit(() -> {
                        while (!stop.get()) {
                            Scrape scrape = exporter.scrape(SCRAPE_TIMEOUT);
                            long n = count.incrementAndGet();
                            latencies.add(scrape.latency().toMillis());
                            bytes.set(scrape.body().length());
                            String problem = problem(scrape, n);
                            if (problem != null && failures.size() < 20) {
                                failures.add(problem);
                            }
                        }
                    }));
                }
                Thread.sleep(duration.toMillis());
                stop.set(true);
                for (Future<?> scraper : running) {
                    scraper.get(SCRAPE_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                }
            } finally {
                scrapers.shutdownNow();
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return new Load(count.get(), List.copyOf(failures), sorted, bytes.get());
        }

        /** Why a scrape failed, or null: no answer, not 200, too slow, or a body that is not whole and healthy. */
        private static String problem(Scrape scrape, long n) {
            if (scrape.status() != 200) {
                return "status " + scrape.status() + ": " + scrape.body();
            }
            if (scrape.latency().compareTo(SCRAPE_TIMEOUT) >= 0) {
                return "took " + scrape.latency().toMillis() + " ms";
            }
            if (!scrape.body().contains(ALL_UP) || !scrape.body().contains("contiv_exporter_build_info{")) {
                return "incomplete or unhealthy body of " + scrape.body().length() + " chars: " + scrape.body().lines()
                        .filter(line -> line.startsWith("contiv_exporter_source_up{")).toList();
            }
            // counting series parses the whole body: every 50th scrape is enough to catch a partial one
            if (n % 50 == 0 && scrape.count("contiv_endpoint_info") != ENDPOINTS) {
                return scrape.count("contiv_endpoint_info") + " endpoints instead of " + ENDPOINTS;
            }
            return null;
        }

        long latencyPercentile(int percent) {
            if (latenciesMillis.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * latenciesMillis.size()) - 1;
            return latenciesMillis.get(Math.max(0, Math.min(latenciesMillis.size() - 1, rank)));
        }
    }

    private static long residentKilobytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
