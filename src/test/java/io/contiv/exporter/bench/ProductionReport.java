package io.contiv.exporter.bench;

import static io.contiv.exporter.bench.ReportText.mib;
import static io.contiv.exporter.bench.ReportText.ms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The production phase's section of BENCHMARKS.md, between two markers so that the phase can be run on its own
 * ({@code bench/run.sh --production}) and replace only its own figures.
 */
final class ProductionReport {

    static final String START = "<!-- production phase: bench/run.sh --production rewrites from here -->";
    static final String END = "<!-- end of the production phase -->";

    private static final int TARGET_SIZE = 10_000;
    private static final int TYPICAL_SIZE = 110;
    private static final double TARGET_P99_MS = 250;
    private static final double TARGET_CPU_SHARE = 0.10;
    private static final double TARGET_PEAK_RSS_MIB = 200;
    private static final double TARGET_FIRST_SCRAPE_MS = 2_000;
    /** The sidecar's memory request. */
    private static final double TYPICAL_PEAK_RSS_MIB = 96;
    private static final List<String> JMH_PER_REFRESH = List.of("OvsdbDecodeBenchmark.statisticsRefresh",
            "OvsdbDecodeBenchmark.initialRows", "RefreshBenchmark.publish",
            "RefreshBenchmark.publishAndEncodeOpenMetricsGzip", "RefreshBenchmark.publishAndEncodeText",
            "RefreshBenchmark.libraryOpenMetricsGzip", "GzipLevelBenchmark.compress");

    private final BenchOptions options;
    private final ZonedDateTime started;
    private final List<String> jvmOptions;
    private final List<ProductionFigures> sizes;
    private final List<JmhResults.Row> jmh;
    private final StringBuilder out = new StringBuilder();

    ProductionReport(BenchOptions options, ZonedDateTime started, List<String> jvmOptions,
                     List<ProductionFigures> sizes, List<JmhResults.Row> jmh) {
        this.options = options;
        this.started = started;
        this.jvmOptions = jvmOptions;
        this.sizes = sizes;
        this.jmh = jmh;
    }

    /** The section held in {@code file} now, markers included, if any. */
    static Optional<String> existing(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        return start < 0 || end < start ? Optional.empty() : Optional.of(text.substring(start, end + END.length()));
    }

    /** Puts {@code section} in {@code file}: in place of the one there, else before the first second-level heading. */
    static void merge(Path file, String section) throws IOException {
        String text = Files.isRegularFile(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String merged;
        if (start >= 0 && end > start) {
            merged = text.substring(0, start) + section + text.substring(end + END.length());
        } else {
            int heading = text.indexOf("\n## ");
            merged = heading < 0 ? text + "\n" + section + "\n"
                    : text.substring(0, heading + 1) + section + "\n\n" + text.substring(heading + 1);
        }
        Files.writeString(file, merged);
    }

    String section() {
        line(START);
        line("## Production load: 10,000 endpoints whose statistics change every 5 s");
        line("");
        line("- date: " + started.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .replaceFirst("\\.\\d+$", "") + " UTC; command: `" + options.command() + "`");
        line("- exporter JVM: `java " + String.join(" ", jvmOptions) + " -jar contiv-exporter.jar serve --mode "
                + "netplugin …` (the image's `JAVA_TOOL_OPTIONS`, then what the sidecar's limits of 256 MiB and one "
                + "CPU give the JVM)");
        line("- load average (1/5/15 min) before and after each size is in the table: the machine is shared, and "
                + "latency and CPU figures move with other work on it");
        line("");
        line("How: a real `ovsdb-server` holds N interfaces (9 statistics each, `external_ids:endpoint-id` set) and a "
                + "netmaster stand-in the cluster they belong to. A writer rewrites every interface's statistics in one "
                + "transaction every 5 s, as ovs-vswitchd does; two scrapers (an HA pair of Prometheus servers) each "
                + "ask for OpenMetrics with gzip once a second, at offsets of their own, for "
                + options.productionDuration().toSeconds() + " s after the first complete scrape. A scrape is "
                + "*fresh* when every interface's counters in it come from the latest write committed at least 1 s "
                + "before the scrape started. CPU is the exporter process's user + system time over the load, as a "
                + "share of one core; peak RSS is `VmHWM` from `/proc/<pid>/status` at the end of the load; the live "
                + "heap is `jcmd GC.run` then `GC.heap_info`.");
        line("");
        StringBuilder head = new StringBuilder("| | ");
        StringBuilder rule = new StringBuilder("|---|");
        for (ProductionFigures size : sizes) {
            head.append(String.format(Locale.ROOT, "N = %,d | ", size.endpoints()));
            rule.append("---|");
        }
        line(head.toString().stripTrailing());
        line(rule.toString());
        row("first complete scrape after the JVM started (OpenMetrics, gzip); exporter CPU used by then",
                s -> ms(s.firstCompleteScrapeMillis()) + "; " + ms(s.cpuToFirstCompleteScrapeMillis()));
        row("scrapes / statistics writes", s -> s.scrapes() + " / " + s.writes());
        row("scrape p50 / p99 / max", s -> s.latency() == null ? "none" : ms(s.latency().p50Millis()) + " / "
                + ms(s.latency().p99Millis()) + " / " + ms(s.latency().maxMillis()));
        row("fresh scrapes", s -> s.freshScrapes() + " of " + s.scrapes() + String.format(Locale.ROOT, " (%.1f %%)",
                100.0 * s.freshScrapes() / Math.max(1, s.scrapes())));
        row("incomplete / failed scrapes", s -> s.incompleteScrapes() + " / " + s.failedScrapes());
        row("exporter CPU, share of one core", s -> percent(s.cpuShareOfOneCore()));
        row("peak RSS (VmHWM)", s -> mib(s.peakResidentMiB()));
        row("live heap after full GC / max heap", s -> mib(s.heap().usedMiB()) + " / " + mib(s.heap().maxMiB()));
        row("response on the wire (median)", s -> kib(s.responseBytes()));
        row("one statistics write transaction (median)", s -> ms(s.writeMillisMedian()));
        row("exporter GC: young / full collections, longest pause, all pauses", s -> s.gc().young() + " / "
                + s.gc().full() + ", " + ms(s.gc().maxMillis()) + ", " + ms(s.gc().totalMillis()));
        row("ovsdb-server stalls (its \"Unreasonably long poll interval\" warnings), longest", s ->
                s.ovsdbStalls().count() + ", " + (s.ovsdbStalls().count() == 0 ? "-" : s.ovsdbStalls().maxMillis()
                        + " ms"));
        row("load average before / after", s -> s.loadBefore() + " / " + s.loadAfter());
        row("exporter alive at the end; its warnings", s -> (s.aliveAtEnd() ? "yes" : "**no**") + "; "
                + (s.exporterWarnings().isEmpty() ? "none" : String.join("<br>", s.exporterWarnings())
                .replace("|", "\\|")));
        line("");
        targets();
        allocation();
        line(END);
        return out.toString().stripTrailing();
    }

    private void targets() {
        line("### Targets");
        line("");
        line("| target | measured | verdict |");
        line("|---|---|---|");
        Optional<ProductionFigures> large = size(TARGET_SIZE);
        large.ifPresent(s -> {
            verdict("N = 10,000: never out of memory", s.aliveAtEnd() ? "alive" : "exited", s.aliveAtEnd());
            verdict("N = 10,000: scrape p99 ≤ 250 ms", s.latency() == null ? "none" : ms(s.latency().p99Millis()),
                    s.latency() != null && s.latency().p99Millis() <= TARGET_P99_MS);
            verdict("N = 10,000: every scrape fresh", s.freshScrapes() + " of " + s.scrapes(),
                    s.scrapes() > 0 && s.freshScrapes() == s.scrapes());
            verdict("N = 10,000: exporter CPU ≤ 10 % of one core", percent(s.cpuShareOfOneCore()),
                    s.cpuShareOfOneCore() <= TARGET_CPU_SHARE);
            verdict("N = 10,000: peak RSS ≤ 200 MiB", mib(s.peakResidentMiB()),
                    s.peakResidentMiB() <= TARGET_PEAK_RSS_MIB);
            verdict("N = 10,000: first complete scrape ≤ 2 s after start", ms(s.firstCompleteScrapeMillis()),
                    s.firstCompleteScrapeMillis() <= TARGET_FIRST_SCRAPE_MS);
        });
        size(TYPICAL_SIZE).ifPresent(s -> verdict("N = 110: peak RSS within the sidecar's memory request (96 MiB)",
                mib(s.peakResidentMiB()), s.peakResidentMiB() <= TYPICAL_PEAK_RSS_MIB));
        if (large.isEmpty() && size(TYPICAL_SIZE).isEmpty()) {
            line("| (no run at N = 110 or 10,000) | | |");
        }
        line("");
    }

    private void allocation() {
        line("### Work per statistics refresh (JMH, `-prof gc`)");
        line("");
        List<JmhResults.Row> rows = jmh.stream().filter(r -> JMH_PER_REFRESH.contains(r.benchmark())).toList();
        if (rows.isEmpty()) {
            line("Not run this time (`bench/run.sh --production --skip-jmh`).");
            line("");
            return;
        }
        line("Synthetic rows shaped like the real ones; the JMH JVM has the sidecar's heap (`-Xmx128m`, Serial GC). "
                + "`statisticsRefresh` decodes the `update2` of a refresh of every row into the cached rows; "
                + "`publish` makes the endpoint families of the new values; `publishAndEncodeOpenMetricsGzip` adds "
                + "encoding them once for OpenMetrics with gzip, what a refresh costs in production; "
                + "`libraryOpenMetricsGzip` is the client library's own path for the same families, for comparison; "
                + "`GzipLevelBenchmark.compress` compresses their OpenMetrics text at each deflate level (the exporter "
                + "uses 1; the size each level gives is in the `GZIP-LEVEL` lines of the JMH output).");
        line("");
        line("| benchmark | parameters | time per op | ± (99.9%) | allocated per op |");
        line("|---|---|---|---|---|");
        for (JmhResults.Row row : rows) {
            line("| " + row.benchmark() + " | " + row.parameters() + " | "
                    + String.format(Locale.ROOT, "%.3f %s", row.score(), row.unit()) + " | "
                    + String.format(Locale.ROOT, "%.3f", row.error()) + " | "
                    + (row.allocatedBytesPerOp().isPresent()
                    ? String.format(Locale.ROOT, "%.1f MiB", row.allocatedBytesPerOp().getAsDouble() / 1048576) : "")
                    + " |");
        }
        line("");
    }

    private Optional<ProductionFigures> size(int endpoints) {
        return sizes.stream().filter(s -> s.endpoints() == endpoints).findFirst();
    }

    private void row(String label, Function<ProductionFigures, String> value) {
        line(ReportText.row(label, sizes, value));
    }

    private void verdict(String target, String measured, boolean met) {
        line(ReportText.verdict(target, measured, met));
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
