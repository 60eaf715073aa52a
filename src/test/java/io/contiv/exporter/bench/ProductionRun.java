package io.contiv.exporter.bench;

import io.contiv.exporter.support.SidecarJvm;
import io.contiv.exporter.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production phase at one size: a real ovsdb-server whose statistics a writer rewrites in one transaction
 * every 5 s (as ovs-vswitchd does), two scrapers asking as Prometheus does (OpenMetrics, gzip) once a second each,
 * and the exporter in a JVM of its own with the sidecar's settings. Measured from outside: the time to the first
 * complete scrape, every scrape's latency and whether it showed the latest write committed at least 1 s before it
 * started, the exporter's CPU time, its peak resident memory (VmHWM) and its live heap after a full collection.
 */
final class ProductionRun {

    private static final Logger LOG = LoggerFactory.getLogger(ProductionRun.class);
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);
    private static final Duration WRITE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration FRESHNESS_GRACE = Duration.ofSeconds(1);
    private static final Pattern HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private final BenchOptions options;
    private final int endpoints;

    ProductionRun(BenchOptions options, int endpoints) {
        this.options = options;
        this.endpoints = endpoints;
    }

    /** The JVM options of a production run: the sidecar's, then any the bench was given. */
    static List<String> jvmOptions(BenchOptions options) {
        List<String> jvm = new ArrayList<>(SidecarJvm.options());
        jvm.addAll(options.exporterJvmOptions());
        return jvm;
    }

    /** One write: its round, and when the transaction was committed. */
    private record Write(long round, long committedNanos, long tookNanos) {
    }

    /** One scrape: when it started, how long it took, what it showed. */
    private record Scrape(long startedNanos, long nanos, int status, long bytes, ScrapedBody.Seen seen,
                          String failure) {
    }

    ProductionFigures run() throws Exception {
        LOG.info("N={}: production phase, loading ovsdb-server and the netmaster stand-in", endpoints);
        try (SimulatedNode node = SimulatedNode.start(endpoints)) {
            Path log = options.workDirectory().resolve("exporter-" + endpoints + "-production.log");
            Path gcLog = options.workDirectory().resolve("exporter-" + endpoints + "-production-gc.log");
            Files.deleteIfExists(log);
            Files.deleteIfExists(gcLog);
            List<String> jvm = new ArrayList<>(jvmOptions(options));
            // the collector's pauses, to tell them from other waits in the scrape latencies
            jvm.add("-Xlog:gc:file=" + gcLog.toAbsolutePath());
            String loadBefore = MachineInfo.loadAverage();
            long ovsdbLogBefore = Files.isRegularFile(node.ovsdb().logFile()) ? Files.size(node.ovsdb().logFile()) : 0;
            try (ExporterJvm exporter = ExporterJvm.start(options.jar(), jvm, node.netmaster().hostPort(),
                    node.ovsdb().tcpAddress(), FreePorts.loopbackPort(), log)) {
                MetricsScraper prometheus = new MetricsScraper(exporter.port(), MetricsScraper.Flavour.AS_PROMETHEUS);
                double firstComplete = FirstCompleteScrape.await(exporter, prometheus, endpoints, STARTUP_LIMIT,
                        body -> ScrapedBody.readGzipResponse(body).endpoints()).firstCompleteMillis();
                double startupCpu = exporter.cpuTime().toNanos() / 1e6;
                LOG.info("N={}: first complete OpenMetrics+gzip scrape {} ms after start, {} ms of CPU", endpoints,
                        firstComplete, startupCpu);
                ProductionFigures figures = measure(node, exporter, prometheus, firstComplete, startupCpu, loadBefore);
                return figures.with(GcPauses.read(gcLog), OvsdbStalls.read(node.ovsdb().logFile(), ovsdbLogBefore));
            }
        }
    }

    private ProductionFigures measure(SimulatedNode node, ExporterJvm exporter, MetricsScraper prometheus,
                                      double firstComplete, double startupCpu, String loadBefore) throws Exception {
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        // round 0: the statistics the rows were created with, in place before the exporter started
        writes.add(new Write(0, exporter.startedNanos(), 0));
        ConcurrentLinkedQueue<Scrape> scrapes = new ConcurrentLinkedQueue<>();
        AtomicInteger round = new AtomicInteger();
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(3);
        Duration cpuBefore = exporter.cpuTime();
        long started = System.nanoTime();
        long end = started + options.productionDuration().toNanos();
        try {
            ScheduledFuture<?> writer = threads.scheduleAtFixedRate(() -> {
                int r = round.incrementAndGet();
                long before = System.nanoTime();
                node.refreshStatistics(r);
                long committed = System.nanoTime();
                writes.add(new Write(r, committed, committed - before));
            }, 0, WRITE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            List<ScheduledFuture<?>> scrapers = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                // an HA pair of Prometheus servers: same interval, offsets of their own
                scrapers.add(threads.scheduleAtFixedRate(() -> scrapes.add(scrape(prometheus)),
                        250 + s * SCRAPE_INTERVAL.toMillis() / 2, SCRAPE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
            }
            while (System.nanoTime() < end) {
                if (!exporter.isAlive()) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            scrapers.forEach(f -> f.cancel(false));
            writer.cancel(false);
        } finally {
            threads.shutdown();
            threads.awaitTermination(2, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuShare = exporter.cpuTime().minus(cpuBefore).toNanos() / 1e9 / seconds;
        boolean alive = exporter.isAlive();
        double peak = alive ? peakResidentMiB(exporter.pid()) : Double.NaN;
        ExporterJvm.Heap heap = alive ? exporter.heapAfterFullGc() : new ExporterJvm.Heap(Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
        return figures(firstComplete, startupCpu, seconds, List.copyOf(writes), new ArrayList<>(scrapes), cpuShare, peak, heap,
                alive, loadBefore, exporter.warnings(10));
    }

    private ProductionFigures figures(double firstComplete, double startupCpu, double seconds, List<Write> writes, List<Scrape> scrapes,
                                      double cpuShare, double peak, ExporterJvm.Heap heap, boolean alive,
                                      String loadBefore, List<String> warnings) {
        List<Long> durations = new ArrayList<>();
        int fresh = 0;
        int incomplete = 0;
        int failed = 0;
        long bytes = 0;
        for (Scrape scrape : scrapes) {
            durations.add(scrape.nanos());
            if (scrape.status() != 200 || scrape.seen() == null) {
                failed++;
                continue;
            }
            ScrapedBody.Seen seen = scrape.seen();
            if (seen.endpoints() != endpoints || seen.counters() != endpoints || seen.minRound() != seen.maxRound()) {
                incomplete++;
                continue;
            }
            if (seen.minRound() >= expectedRound(writes, scrape.startedNanos())) {
                fresh++;
            }
        }
        List<Long> writeNanos = writes.stream().filter(w -> w.round() > 0).map(Write::tookNanos).sorted().toList();
        double writeMedian = writeNanos.isEmpty() ? Double.NaN : writeNanos.get(writeNanos.size() / 2) / 1e6;
        LatencySummary latency = durations.isEmpty() ? null : LatencySummary.of(durations);
        LOG.info("N={}: {} scrapes in {} s, {} fresh, {} incomplete, {} failed; p50 {} p99 {} max {} ms; CPU {} of a "
                        + "core; VmHWM {} MiB; heap after full GC {} MiB", endpoints, scrapes.size(), seconds, fresh,
                incomplete, failed, latency == null ? "-" : latency.p50Millis(),
                latency == null ? "-" : latency.p99Millis(), latency == null ? "-" : latency.maxMillis(), cpuShare,
                peak, heap.usedMiB());
        scrapes.stream().filter(s -> s.failure() != null).limit(3)
                .forEach(s -> LOG.warn("N={}: a scrape failed: {}", endpoints, s.failure()));
        return new ProductionFigures(endpoints, firstComplete, startupCpu, seconds, writes.size() - 1, latency, scrapes.size(),
                fresh, incomplete, failed, cpuShare, peak, heap, writeMedian, bytes(scrapes), alive, loadBefore,
                MachineInfo.loadAverage(), warnings, GcPauses.NONE, OvsdbStalls.NONE);
    }

    /** The median size of a successful response on the wire (headers and gzip body). */
    private static long bytes(List<Scrape> scrapes) {
        List<Long> sizes = scrapes.stream().filter(s -> s.status() == 200).map(Scrape::bytes).sorted().toList();
        return sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2);
    }

    /** The latest round whose write was committed at least the grace before {@code startedNanos}. */
    private static long expectedRound(List<Write> writes, long startedNanos) {
        long expected = 0;
        for (Write write : writes) {
            if (write.committedNanos() <= startedNanos - FRESHNESS_GRACE.toNanos()) {
                expected = Math.max(expected, write.round());
            }
        }
        return expected;
    }

    private static Scrape scrape(MetricsScraper prometheus) {
        long started = System.nanoTime();
        try {
            MetricsScraper.Response response = prometheus.scrapeKeepingBody();
            ScrapedBody.Seen seen = response.status() == 200 ? ScrapedBody.readGzipResponse(response.body()) : null;
            return new Scrape(started, response.nanos(), response.status(), response.bytes(), seen, null);
        } catch (IOException | RuntimeException e) {
            return new Scrape(started, System.nanoTime() - started, -1, 0, null, e.toString());
        }
    }

    private static double peakResidentMiB(long pid) throws IOException {
        Matcher hwm = HWM.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        return hwm.find() ? Long.parseLong(hwm.group(1)) / 1024.0 : Double.NaN;
    }
}
