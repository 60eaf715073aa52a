package io.contiv.exporter.bench;

import io.contiv.exporter.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end-to-end measurements at one size: one node, one exporter JVM, everything stopped at the end. */
final class SizeRun {

    private static final Logger LOG = LoggerFactory.getLogger(SizeRun.class);
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final Duration PROMETHEUS_INTERVAL = Duration.ofSeconds(5);

    private final BenchOptions options;
    private final int endpoints;

    SizeRun(BenchOptions options, int endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    SizeFigures run() throws Exception {
        LOG.info("N={}: loading ovsdb-server and the netmaster stand-in", endpoints);
        try (SimulatedNode node = SimulatedNode.start(endpoints)) {
            List<SizeFigures.Startup> startups = new ArrayList<>();
            // extra starts only to time them: one start is one sample of a figure that varies with the machine's load
            for (int i = 1; i < options.startupSamples(); i++) {
                try (ExporterJvm jvm = startExporter(node, "startup-" + i)) {
                    startups.add(awaitCompleteScrape(jvm, plainScraper(jvm)));
                }
            }
            List<SizeFigures.Phase> phases = new ArrayList<>();
            SizeFigures.Phase afterRefresh;
            int fresh;
            ExporterJvm.Heap heap;
            SizeFigures.NetmasterLoad fullSpeed;
            SizeFigures.NetmasterLoad at5s;
            List<String> warnings;
            try (ExporterJvm jvm = startExporter(node, "main")) {
                MetricsScraper plain = plainScraper(jvm);
                MetricsScraper prometheus = new MetricsScraper(jvm.port(), MetricsScraper.Flavour.AS_PROMETHEUS);
                startups.add(awaitCompleteScrape(jvm, plain));
                LOG.info("N={}: first complete scrape after start: {}", endpoints, startups);

                ScrapeLoad.run(plain, 1, options.warmupScrapes());
                phases.add(phase("1 scraper, text", jvm, plain, 1));
                phases.add(phase("4 scrapers, text", jvm, plain, 4));
                phases.add(phase("4 scrapers, as Prometheus asks (OpenMetrics, gzip)", jvm, prometheus, 4));

                AfterRefresh churn = afterStatisticsRefresh(node, jvm, plain);
                afterRefresh = churn.phase();
                fresh = churn.freshScrapes();
                heap = jvm.heapAfterFullGc();
                LOG.info("N={}: heap after full GC {} MiB", endpoints, heap.usedMiB());
                fullSpeed = netmasterAtFullSpeed(node, prometheus);
                at5s = netmasterAtPrometheusInterval(node, plain);
                warnings = jvm.warnings(10);
            }
            OvsdbClientFloor.Floor floor = OvsdbClientFloor.measure(node.ovsdb().tcpAddress(), options.floorRuns());
            return new SizeFigures(endpoints, node.dataNetworks(), startups, phases.get(0), phases.get(1),
                    phases.get(2), afterRefresh, fresh, heap, fullSpeed, at5s, floor, warnings);
        }
    }

    private ExporterJvm startExporter(SimulatedNode node, String name) {
        Path log = options.workDirectory().resolve("exporter-" + endpoints + "-" + name + ".log");
        return ExporterJvm.start(options.jar(), options.exporterJvmOptions(), node.netmaster().hostPort(),
                node.ovsdb().tcpAddress(), FreePorts.loopbackPort(), log);
    }

    private static MetricsScraper plainScraper(ExporterJvm jvm) {
        return new MetricsScraper(jvm.port(), MetricsScraper.Flavour.PLAIN_TEXT);
    }

    private SizeFigures.Startup awaitCompleteScrape(ExporterJvm jvm, MetricsScraper plain) throws Exception {
        return FirstCompleteScrape.await(jvm, plain, endpoints, STARTUP_LIMIT, MetricsScraper::endpointsIn);
    }

    private SizeFigures.Phase phase(String name, ExporterJvm jvm, MetricsScraper scraper, int scrapers) throws IOException {
        long bytes = scraper.scrape().bytes();
        Duration cpuBefore = jvm.cpuTime();
        List<Long> durations = ScrapeLoad.run(scraper, scrapers, options.scrapes());
        double cpuPerScrape = jvm.cpuTime().minus(cpuBefore).toNanos() / 1e6 / durations.size();
        LatencySummary latency = LatencySummary.of(durations);
        LOG.info("N={}: {}: p50 {} ms, p99 {} ms", endpoints, name, latency.p50Millis(), latency.p99Millis());
        return new SizeFigures.Phase(name, scrapers, latency, cpuPerScrape, bytes);
    }

    private record AfterRefresh(SizeFigures.Phase phase, int freshScrapes) {
    }

    /**
     * Real OVS rewrites every interface's statistics every 5 s, so in production most scrapes are the first after
     * a change and cannot reuse the last result. Each round here rewrites them all, gives the exporter time to take
     * the update in, then sends 4 scrapes at once; a marker value tells whether each scrape saw the new data.
     */
    private AfterRefresh afterStatisticsRefresh(SimulatedNode node, ExporterJvm jvm, MetricsScraper scraper)
            throws Exception {
        int scrapers = 4;
        int rounds = Math.max(1, options.refreshRounds());
        List<Long> durations = new ArrayList<>();
        int fresh = 0;
        Duration cpu = Duration.ZERO;
        long bytes = 0;
        for (int round = 1; round <= rounds; round++) {
            node.refreshStatistics(round);
            TimeUnit.MILLISECONDS.sleep(options.settleMillis(endpoints));
            Duration cpuBefore = jvm.cpuTime();
            List<MetricsScraper.Response> responses = concurrentScrapes(scraper, scrapers);
            cpu = cpu.plus(jvm.cpuTime().minus(cpuBefore));
            for (MetricsScraper.Response response : responses) {
                durations.add(response.nanos());
                bytes = response.bytes();
                if (MetricsScraper.contains(response.body(), node.marker(round))) {
                    fresh++;
                }
            }
        }
        LatencySummary latency = LatencySummary.of(durations);
        LOG.info("N={}: after a statistics refresh: p50 {} ms, p99 {} ms, {} of {} fresh", endpoints,
                latency.p50Millis(), latency.p99Millis(), fresh, durations.size());
        return new AfterRefresh(new SizeFigures.Phase("4 scrapers, each round right after a statistics refresh",
                scrapers, latency, cpu.toNanos() / 1e6 / durations.size(), bytes), fresh);
    }

    private static List<MetricsScraper.Response> concurrentScrapes(MetricsScraper scraper, int count)
            throws Exception {
        List<CompletableFuture<MetricsScraper.Response>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            for (int i = 0; i < count; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return scraper.scrapeKeepingBody();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, pool));
            }
            List<MetricsScraper.Response> responses = new ArrayList<>();
            for (CompletableFuture<MetricsScraper.Response> future : futures) {
                MetricsScraper.Response response = future.get(5, TimeUnit.MINUTES);
                if (response.status() != 200) {
                    throw new IOException("scrape answered HTTP " + response.status());
                }
                responses.add(response);
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Four scrapers as fast as they can, as Prometheus would scrape, for longer than one refresh interval. */
    private SizeFigures.NetmasterLoad netmasterAtFullSpeed(SimulatedNode node, MetricsScraper scraper) {
        long before = node.netmaster().totalRequests();
        long started = System.nanoTime();
        int scrapes = ScrapeLoad.runFor(scraper, 4, options.fullSpeedDuration());
        double seconds = (System.nanoTime() - started) / 1e9;
        long requests = node.netmaster().totalRequests() - before;
        LOG.info("N={}: {} netmaster requests during {} scrapes in {} s", endpoints, requests, scrapes, seconds);
        return new SizeFigures.NetmasterLoad(requests, seconds, scrapes, node.requestsPerRefreshRound());
    }

    /** One scrape every 5 s for a while, counting what netmaster is asked meanwhile. */
    private SizeFigures.NetmasterLoad netmasterAtPrometheusInterval(SimulatedNode node, MetricsScraper scraper)
            throws Exception {
        long before = node.netmaster().totalRequests();
        long started = System.nanoTime();
        long end = started + options.netmasterLoadDuration().toNanos();
        int scrapes = 0;
        for (long next = started; next < end; next += PROMETHEUS_INTERVAL.toNanos()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            scraper.scrape();
            scrapes++;
        }
        long remaining = end - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long requests = node.netmaster().totalRequests() - before;
        LOG.info("N={}: {} netmaster requests in {} s of 5 s scrapes", endpoints, requests, seconds);
        return new SizeFigures.NetmasterLoad(requests, seconds, scrapes, node.requestsPerRefreshRound());
    }
}
