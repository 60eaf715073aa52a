package io.contiv.exporter.bench;

import io.contiv.exporter.testing.Binaries;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.CommandRunner;
import io.contiv.exporter.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter jar running in a JVM of its own, as in production, observed from outside: heap through
 * {@code jcmd}, CPU time and resident memory through the OS.
 */
final class ExporterJvm implements AutoCloseable {

    /** Heap figures after a full collection, in MiB. */
    record Heap(double usedMiB, double committedMiB, double maxMiB, double residentMiB) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExporterJvm.class);
    /** G1 prints one "heap" line, the Serial collector a "generation" line per generation: the sum is the heap. */
    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation)\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final Pattern RESIDENT = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final ExternalProcess process;
    private final long startedNanos;
    private final CommandRunner commands = new CommandRunner(Duration.ofSeconds(60));
    private final Path jcmd;
    private final int port;

    private ExporterJvm(ExternalProcess process, long startedNanos, Path jcmd, int port) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.jcmd = jcmd;
        this.port = port;
    }

    /**
     * Starts {@code java [jvmOptions] -jar JAR serve --mode netplugin ...} with the java that runs this bench.
     */
    static ExporterJvm start(Path jar, List<String> jvmOptions, String netmaster, String ovsdb, int port,
                             Path logFile) {
        return start(jar, jvmOptions, List.of("--mode", "netplugin", "--netmaster", netmaster, "--ovsdb", ovsdb),
                port, logFile);
    }

    /** Starts {@code java [jvmOptions] -jar JAR serve [options] --web.listen-address 127.0.0.1:PORT}. */
    static ExporterJvm start(Path jar, List<String> jvmOptions, List<String> options, int port, Path logFile) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
        command.addAll(options);
        command.addAll(List.of("--web.listen-address", "127.0.0.1:" + port));
        Path jcmd = javaHome.resolve("bin/jcmd");
        if (!Files.isExecutable(jcmd)) {
            jcmd = Binaries.fromEnvironment().require("jcmd");
        }
        long started = System.nanoTime();
        return new ExporterJvm(ExternalProcess.start("contiv-exporter", command, logFile), started, jcmd, port);
    }

    int port() {
        return port;
    }

    long startedNanos() {
        return startedNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() {
        return process.logTail();
    }

    /** The exporter's own warnings and errors so far (distinct messages, timestamps cut), at most {@code limit}. */
    List<String> warnings(int limit) {
        try {
            return Files.readAllLines(process.logFile()).stream()
                    .filter(line -> line.contains("[WARN]") || line.contains("[ERROR]"))
                    .map(line -> line.substring(line.indexOf('[')))
                    .distinct()
                    .limit(limit)
                    .toList();
        } catch (IOException e) {
            return List.of("(cannot read " + process.logFile() + ": " + e + ")");
        }
    }

    /** User plus system CPU time the exporter has used so far. */
    Duration cpuTime() {
        return ProcessHandle.of(pid()).flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Forces a full collection ({@code jcmd GC.run}), then reads what is left ({@code GC.heap_info}). */
    Heap heapAfterFullGc() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        LOG.info("largest classes on the heap of {}:\n{}", process.name(),
                jcmd("GC.class_histogram").lines().limit(15).collect(java.util.stream.Collectors.joining("\n")));
        // G1 prints one line for the heap, the serial collector (chosen for one CPU) one per generation
        Matcher used = HEAP_USED.matcher(info);
        long totalKib = 0;
        long usedKib = 0;
        boolean found = false;
        while (used.find()) {
            found = true;
            totalKib += Long.parseLong(used.group(1));
            usedKib += Long.parseLong(used.group(2));
        }
        if (!found) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info:\n" + info);
        }
        Matcher max = MAX_HEAP.matcher(jcmd("VM.command_line") + jcmd("VM.flags"));
        double maxMiB = max.find() ? Long.parseLong(max.group(1)) / 1048576.0 : Double.NaN;
        return new Heap(usedKib / 1024.0, totalKib / 1024.0, maxMiB, residentMiB());
    }

    private double residentMiB() {
        try {
            Matcher rss = RESIDENT.matcher(Files.readString(Path.of("/proc", Long.toString(pid()), "status")));
            return rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jcmd(String command) {
        CommandResult result = commands.run(List.of(jcmd.toString(), Long.toString(pid()), command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + result.stdout() + result.stderr());
        }
        return result.stdout();
    }

    @Override
    public void close() {
        process.stop();
    }
}
