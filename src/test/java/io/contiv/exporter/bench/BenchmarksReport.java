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
import java.util.stream.Collectors;

/** Writes BENCHMARKS.md: machine, method, figures per size, the scaling targets, and the JMH results. */
final class BenchmarksReport {

    private static final int TARGET_SIZE = 10_000;
    private static final double TARGET_P50_MS = 100;
    private static final double TARGET_P99_MS = 250;
    private static final double TARGET_HEAP_MIB = 128;
    private static final double TARGET_STARTUP_MS = 2_000;
    private static final double REFRESH_INTERVAL_S = 30;

    private final BenchOptions options;
    private final MachineInfo machine;
    private final ZonedDateTime started;
    private final String loadBefore;
    private final String loadAfter;
    private final List<SizeFigures> sizes;
    private final List<JmhResults.Row> jmh;
    private final Optional<String> production;
    private final StringBuilder out = new StringBuilder();

    BenchmarksReport(BenchOptions options, MachineInfo machine, ZonedDateTime started, String loadBefore,
                     String loadAfter, List<SizeFigures> sizes, List<JmhResults.Row> jmh,
                     Optional<String> production) {
        this.options = options;
        this.machine = machine;
        this.started = started;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.sizes = sizes;
        this.jmh = jmh;
        this.production = production;
    }

    void write(Path file) throws IOException {
        Files.writeString(file, render());
    }

    String render() throws IOException {
        header();
        production.ifPresent(section -> {
            line(section);
            line("");
        });
        method();
        figures();
        targets();
        jmhSection();
        notes();
        return out.toString();
    }

    private void header() {
        line("# Benchmarks");
        line("");
        line("Written by `bench/run.sh` (do not edit by hand; run it again): what the exporter costs on one node, up to "
                + "10,000 endpoints.");
        line("");
        line("- date: " + started.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .replaceFirst("\\.\\d+$", "") + " UTC");
        line("- command: `" + options.command() + "`");
        line("- machine: " + machine.processors() + " processors (`nproc`), " + machine.memory() + " memory, "
                + machine.cpuModel());
        line("- java: `" + machine.javaVersion().replace("\n", "` / `") + "`");
        line("- load average (1/5/15 min) before the end-to-end runs: " + loadBefore + "; after: " + loadAfter
                + " (the machine may be shared: anything above 0 here is other work competing for the cores)");
        line("- exporter JVM options: " + (options.exporterJvmOptions().isEmpty()
                ? "none (default heap sizing; the max heap it chose is in the table)"
                : "`" + String.join(" ", options.exporterJvmOptions()) + "`"));
        line("");
    }

    private void method() {
        line("## How the end-to-end figures are measured");
        line("");
        line("For each N: a real `ovsdb-server` (temporary directory, free loopback port) holds N interfaces `vvport1..N`"
                + " on `" + SimulatedNode.BRIDGE + "`, each with `external_ids:endpoint-id` and 9 statistics; a netmaster"
                + " stand-in serves a simulated cluster (2 tenants, 2 data networks each, 2 groups per network) whose "
                + "endpoints on `" + SimulatedNode.HOST + "` are exactly those N. The exporter runs as its own JVM: "
                + "`java -jar contiv-exporter.jar serve --mode netplugin --netmaster … --ovsdb tcp:… "
                + "--web.listen-address 127.0.0.1:…` with every other option at its default "
                + "(`--netmaster.refresh-interval 30s`). The scrapers are a minimal HTTP/1.1 client in the bench JVM, "
                + "one connection per scrape, reading the whole response.");
        line("");
        line("- **start to first complete scrape**: from starting the exporter's JVM to the first `/metrics` answer "
                + "that lists all N `contiv_endpoint_info` series (scraped every 20 ms once the port is open); "
                + options.startupSamples() + " starts, each a fresh JVM against the same loaded OVSDB and netmaster.");
        line("- **latency**: " + options.warmupScrapes() + " unmeasured scrapes, then " + options.scrapes()
                + " scrapes per phase, closed loop (each scraper sends its next scrape when the last one ended), "
                + "with 1 and with 4 scrapers; p50/p99 are nearest-rank over those scrapes. Statistics do not change"
                + " during these phases (no ovs-vswitchd), so the collector reuses its last result: these phases "
                + "measure serving an unchanged exposition.");
        line("- **after a statistics refresh**: ovs-vswitchd rewrites every interface's statistics every 5 s, so "
                + "in production most scrapes are the first after a change. " + options.refreshRounds() + " rounds of:"
                + " rewrite all N statistics in one transaction, wait " + options.settleMillis(TARGET_SIZE) / 1000.0
                + " s (1 s at small N) for the exporter to take the update in, send 4 concurrent scrapes. A marker "
                + "value tells whether each scrape saw the new counters.");
        line("- **exporter CPU per scrape**: the exporter process's user+system CPU time over a phase, divided by "
                + "its scrapes; less sensitive to other load on the machine than wall-clock latency.");
        line("- **heap after full GC**: `jcmd <pid> GC.run`, then the used figure of `jcmd <pid> GC.heap_info`, "
                + "after all latency phases.");
        line("- **netmaster requests**: counted by the stand-in while 4 scrapers scrape as fast as they can (as "
                + "Prometheus asks) for " + options.fullSpeedDuration().toSeconds() + " s, then during "
                + options.netmasterLoadDuration().toSeconds() + " s of one scrape every 5 s. One refresh round = "
                + "the network list + one inspect per data network.");
        line("- **floor**: `ovsdb-client transact tcp:127.0.0.1:PORT '" + OvsdbClientFloor.SELECT + "'` against "
                + "the same server, " + options.floorRuns() + " timed runs, output discarded.");
        line("");
    }

    private void figures() {
        line("## End-to-end figures");
        line("");
        StringBuilder head = new StringBuilder("| | ");
        StringBuilder rule = new StringBuilder("|---|");
        for (SizeFigures size : sizes) {
            head.append(String.format(Locale.ROOT, "N = %,d | ", size.endpoints()));
            rule.append("---|");
        }
        line(head.toString().stripTrailing());
        line(rule.toString());
        row("start to first complete scrape, median (all starts)", s -> ms(s.medianStartup().firstCompleteMillis())
                + " (" + s.startups().stream().map(start -> ms(start.firstCompleteMillis()))
                        .collect(Collectors.joining(", ")) + ")");
        for (Function<SizeFigures, SizeFigures.Phase> phase : List.<Function<SizeFigures, SizeFigures.Phase>>of(
                SizeFigures::oneScraper, SizeFigures::fourScrapers, SizeFigures::fourScrapersAsPrometheus,
                SizeFigures::afterStatisticsRefresh)) {
            String name = phase.apply(sizes.get(0)).name();
            row("scrape p50 / p99 / max, " + name, s -> latency(phase.apply(s).latency()));
            row("exporter CPU per scrape, " + name, s -> ms(phase.apply(s).exporterCpuMillisPerScrape()));
        }
        row("scrapes after a refresh that saw the new counters",
                s -> s.freshScrapesAfterRefresh() + " of " + s.afterStatisticsRefresh().latency().count());
        row("response size: text / OpenMetrics gzip", s -> mibFromBytes(s.fourScrapers().responseBytes()) + " / "
                + mibFromBytes(s.fourScrapersAsPrometheus().responseBytes()));
        row("heap used after full GC", s -> mib(s.heap().usedMiB()));
        row("heap committed after full GC / max heap", s -> mib(s.heap().committedMiB()) + " / "
                + mib(s.heap().maxMiB()));
        row("resident memory (RSS)", s -> mib(s.heap().residentMiB()));
        row("netmaster requests, 4 scrapers flat out", s -> netmaster(s.netmasterAtFullSpeed()) + ", "
                + s.netmasterAtFullSpeed().scrapes() + " scrapes");
        row("netmaster requests per minute, one scrape every 5 s", s -> String.format(Locale.ROOT, "%.1f/min (%s)",
                s.netmasterAt5s().requestsPerMinute(), netmaster(s.netmasterAt5s())));
        row("floor: `ovsdb-client transact` select, median / min", s -> ms(s.floor().latency().p50Millis()) + " / "
                + ms(s.floor().latency().minMillis()) + " (reply "
                + mibFromBytes(s.floor().replyBytes()) + ")");
        row("exporter warnings in its log", s -> s.exporterWarnings().isEmpty() ? "none"
                : "`" + String.join("` / `", s.exporterWarnings()).replace("|", "\\|") + "`");
        line("");
    }

    private void targets() {
        line("## Targets at 10,000 endpoints, 4 concurrent scrapers");
        line("");
        Optional<SizeFigures> target = sizes.stream().filter(s -> s.endpoints() == TARGET_SIZE).findFirst();
        if (target.isEmpty()) {
            line("Not run at N = 10,000 this time, so no verdict.");
            line("");
            return;
        }
        SizeFigures s = target.get();
        line("| target | measured | verdict |");
        line("|---|---|---|");
        for (SizeFigures.Phase phase : List.of(s.fourScrapers(), s.fourScrapersAsPrometheus(),
                s.afterStatisticsRefresh())) {
            verdict("scrape p50 ≤ 100 ms (" + phase.name() + ")", ms(phase.latency().p50Millis()),
                    phase.latency().p50Millis() <= TARGET_P50_MS);
            verdict("scrape p99 ≤ 250 ms (" + phase.name() + ")", ms(phase.latency().p99Millis()),
                    phase.latency().p99Millis() <= TARGET_P99_MS);
        }
        verdict("heap ≤ 128 MiB (used after full GC)", mib(s.heap().usedMiB()), s.heap().usedMiB() <= TARGET_HEAP_MIB);
        verdict("first complete scrape ≤ 2 s after start (median of " + s.startups().size() + " starts)",
                ms(s.medianStartup().firstCompleteMillis()),
                s.medianStartup().firstCompleteMillis() <= TARGET_STARTUP_MS);
        for (SizeFigures.NetmasterLoad load : List.of(s.netmasterAtFullSpeed(), s.netmasterAt5s())) {
            // in a window of T seconds at most floor(T / 30) + 1 refreshes can begin
            double allowed = Math.floor(load.seconds() / REFRESH_INTERVAL_S) + 1;
            verdict("netmaster ≤ one refresh round per 30 s (" + load.scrapes() + " scrapes in "
                    + String.format(Locale.ROOT, "%.0f", load.seconds()) + " s)", netmaster(load),
                    load.refreshRounds() <= allowed);
        }
        line("");
    }

    private void jmhSection() {
        line("## JMH micro-benchmarks");
        line("");
        if (jmh.isEmpty()) {
            line("Not run this time (no `--jmh-results`).");
            line("");
            return;
        }
        line("`java -jar target/benchmarks.jar` (built by `mvn -Pbench package`), average time per operation; the "
                + "allocation column comes from `-prof gc`. Inputs are synthetic rows shaped like the real ones (9 "
                + "statistics, every state column set), every interface matching an endpoint.");
        line("");
        line("| benchmark | parameters | time per op | ± (99.9%) | allocated per op |");
        line("|---|---|---|---|---|");
        for (JmhResults.Row row : jmh) {
            line("| " + row.benchmark() + " | " + row.parameters() + " | "
                    + String.format(Locale.ROOT, "%.3f %s", row.score(), row.unit()) + " | "
                    + String.format(Locale.ROOT, "%.3f", row.error()) + " | "
                    + (row.allocatedBytesPerOp().isPresent() ? mibFromBytes(row.allocatedBytesPerOp().getAsDouble()) : "")
                    + " |");
        }
        line("");
    }

    private void notes() throws IOException {
        if (options.notes().isEmpty()) {
            return;
        }
        line("## Notes");
        line("");
        line("Hand-written, from `" + options.notes().get() + "`; the figures above are this run's.");
        line("");
        out.append(Files.readString(options.notes().get()).strip()).append('\n');
    }

    private void row(String label, Function<SizeFigures, String> value) {
        line(ReportText.row(label, sizes, value));
    }

    private void verdict(String target, String measured, boolean met) {
        line(ReportText.verdict(target, measured, met));
    }

    private static String latency(LatencySummary latency) {
        return ms(latency.p50Millis()) + " / " + ms(latency.p99Millis()) + " / " + ms(latency.maxMillis());
    }

    private static String netmaster(SizeFigures.NetmasterLoad load) {
        return String.format(Locale.ROOT, "%d requests in %.0f s = %.1f refresh rounds of %d", load.requests(),
                load.seconds(), load.refreshRounds(), load.requestsPerRefreshRound());
    }

    private static String mibFromBytes(double bytes) {
        return bytes < 1048576 ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
