package io.contiv.exporter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cluster-scale section of BENCHMARKS.md, between markers so that {@code bench/run.sh --cluster-scale} rewrites
 * it alone and a run of the node sizes keeps it.
 */
final class ClusterScaleReport {

    static final String BEGIN = "<!-- cluster-scale:begin -->";
    static final String END = "<!-- cluster-scale:end -->";
    static final Path NOTES = Path.of("bench/NOTES-cluster-scale.md");
    private static final double MIB = 1024 * 1024;

    private final StringBuilder out = new StringBuilder();

    private ClusterScaleReport() {
    }

    /** The section, markers included, for the figures of one run. */
    static String section(ClusterScaleFigures f, BenchOptions options, MachineInfo machine, ZonedDateTime started)
            throws IOException {
        return new ClusterScaleReport().render(f, options, machine, started);
    }

    /** The section of an existing report, markers included. */
    static Optional<String> extract(String report) {
        int begin = report.indexOf(BEGIN);
        int end = report.indexOf(END);
        return begin >= 0 && end > begin ? Optional.of(report.substring(begin, end + END.length()) + "\n")
                : Optional.empty();
    }

    /** The report without its section. */
    static String without(String report) {
        return extract(report).map(section -> report.replace(section, "")).orElse(report);
    }

    /** The report with {@code section} in place of its old one, or after everything else. */
    static String merge(String report, String section) {
        String rest = without(report).stripTrailing();
        return section.isEmpty() ? rest + "\n" : rest + "\n\n" + section;
    }

    private String render(ClusterScaleFigures f, BenchOptions options, MachineInfo machine, ZonedDateTime started)
            throws IOException {
        ClusterScaleFigures.Node node = f.node();
        ClusterScaleFigures.NetmasterMode mode = f.netmasterMode();
        line(BEGIN);
        line("## Cluster scale: one node's exporter in a cluster of " + thousands(f.endpoints()) + " endpoints on "
                + f.hosts() + " nodes");
        line("");
        line("Written by `bench/run.sh --cluster-scale` (or a full run) on "
                + started.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .replaceFirst("\\.\\d+$", "") + " UTC; " + machine.processors() + " processors, " + machine.cpuModel()
                + ". The machine is shared: the load average (1/5/15 min, `uptime`) stands next to each part.");
        line("");
        line("A real etcd (v2 API) holds a simulated cluster of " + thousands(f.endpoints()) + " endpoints on "
                + f.hosts() + " nodes (" + f.networks() + " data networks; " + mib(f.stateBytes())
                + " of endpoint state, a recursive read of `/contiv.io/state/eps` is " + mib(f.directoryBytes())
                + "); node1 holds " + f.localEndpoints() + " of them, each an interface in a real `ovsdb-server`, "
                + "with a VXLAN tunnel port to each of the other nodes, as netplugin makes them. "
                + "The exporter jar runs in a JVM of its own with the sidecar's settings (`"
                + String.join(" ", ClusterScaleRun.SIDECAR_JVM) + "`) and only `--etcd`, `--ovsdb` and `--node.name`: "
                + "the default configuration. etcd and the netmaster stand-in (serving the same cluster, and named "
                + "leader in etcd) are each behind a loopback relay that counts the bytes they send, headers included.");
        line("");
        line("### Netplugin mode, one node (load before " + node.loadBefore() + ", after " + node.loadAfter() + ")");
        line("");
        line("| figure | measured | target | verdict |");
        line("|---|---|---|---|");
        row("bytes read from etcd to start (until all " + f.localEndpoints() + " endpoints are labelled)",
                kib(node.startBytes()) + " over " + node.startConnections() + " connections", "≤ 1 MiB",
                node.startBytes() <= MIB);
        row("start to all local endpoints labelled", ms(node.startMillis()), "≤ 5 s", node.startMillis() <= 5_000);
        row("start to all " + node.tunnels() + " tunnels labelled with their remote host; bytes read from etcd by then",
                ms(node.tunnelsNamedMillis()) + ", " + kib(node.tunnelsNamedBytes()), "", true);
        row("exporter CPU with nothing changing (30 s, a scrape every 5 s)", percent(node.idleCpuShare())
                + " of one core", "", true);
        row("exporter CPU under " + (int) ClusterScaleRun.CHANGES_PER_SECOND + " changes per second elsewhere ("
                        + node.rewrites() + " rewrites in " + String.format(Locale.ROOT, "%.0f", node.churnSeconds())
                        + " s after a 20 s warm-up, a scrape every 5 s)", percent(node.churnCpuShare())
                        + " of one core", "≤ 2 %", node.churnCpuShare() <= 0.02);
        row("bytes from etcd meanwhile (the watch's fan-out per node)",
                String.format(Locale.ROOT, "%s/s (%s per change)", kib(node.churnBytes() / node.churnSeconds()),
                        bytes((double) node.churnBytes() / Math.max(1, node.rewrites()))), "", true);
        row("heap used after a full GC", mib(node.heap().usedMiB() * MIB) + " (max heap "
                + mib(node.heap().maxMiB() * MIB) + ")", "≤ 32 MiB", node.heap().usedMiB() <= 32);
        row("a local rename visible in the exposition (" + node.renameMillis().size() + " samples)",
                latencies(node.renameMillis()), "≤ 3 s", max(node.renameMillis()) <= 3_000);
        row("a created pod labelled after its interface appears in OVS", latencies(node.createMillis()), "", true);
        row("a deleted pod gone after its interface leaves OVS", latencies(node.deleteMillis()), "", true);
        row("netmaster: bytes per minute in the default configuration",
                String.format(Locale.ROOT, "%s/min (%d requests in %.1f min)",
                        kib(node.netmasterBytes() / node.minutes()), node.netmasterRequests(), node.minutes()),
                "≤ 1 MiB/min", node.netmasterBytes() / node.minutes() <= MIB);
        line("");
        line("Exporter warnings: " + warnings(node.warnings()));
        line("");
        line("### Netmaster mode, one per cluster (load before " + mode.loadBefore() + ", after " + mode.loadAfter()
                + ")");
        line("");
        line("The same JVM settings, `--mode netmaster --netmaster <relay>` and the default "
                + "`--netmaster.refresh-interval 30s`: each refresh reads the tenants, networks and groups, and "
                + "inspects every network.");
        line("");
        line("| figure | measured | target | verdict |");
        line("|---|---|---|---|");
        row("start to a scrape counting all " + thousands(f.endpoints()) + " endpoints", ms(mode.countedMillis()),
                "≤ 10 s", mode.countedMillis() <= 10_000);
        row("alive and counting all of them after " + String.format(Locale.ROOT, "%.0f", mode.seconds())
                + " s of refreshes", mode.aliveAndCounting() ? "yes" : "no", "yes", mode.aliveAndCounting());
        double rounds = Math.max(1, mode.refreshRounds());
        row("one refresh: bytes from netmaster", mib(mode.bytes() / rounds), "", true);
        row("one refresh: exporter CPU", String.format(Locale.ROOT, "%.2f s (%d refreshes in %.0f s)",
                mode.cpuSeconds() / rounds, mode.refreshRounds(), mode.seconds()), "", true);
        row("heap used after a full GC", mib(mode.heap().usedMiB() * MIB) + " (max heap "
                + mib(mode.heap().maxMiB() * MIB) + ")", "", true);
        line("");
        line("Exporter warnings: " + warnings(mode.warnings()));
        line("");
        if (Files.isRegularFile(NOTES)) {
            line(Files.readString(NOTES).strip());
            line("");
        }
        line(END);
        return out.toString();
    }

    private void row(String figure, String measured, String target, boolean met) {
        line("| " + figure + " | " + measured + " | " + target + " | "
                + (target.isEmpty() ? "" : met ? "met" : "**missed**") + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String warnings(List<String> warnings) {
        return warnings.isEmpty() ? "none" : "`" + String.join("`; `", warnings) + "`";
    }

    private static String latencies(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "median %s, max %s", ms(sorted.get((sorted.size() - 1) / 2)),
                ms(sorted.get(sorted.size() - 1)));
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String ms(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }

    private static String bytes(double value) {
        return String.format(Locale.ROOT, "%.0f bytes", value);
    }

    private static String kib(double value) {
        return String.format(Locale.ROOT, "%.1f KiB", value / 1024);
    }

    private static String mib(double value) {
        return String.format(Locale.ROOT, "%.1f MiB", value / MIB);
    }

    private static String thousands(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
