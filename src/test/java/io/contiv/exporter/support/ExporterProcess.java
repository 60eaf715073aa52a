package io.contiv.exporter.support;

import io.contiv.exporter.app.Main;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The exporter's {@code serve} command in a child JVM (the test classpath, {@code io.contiv.exporter.app.Main}), on a
 * free loopback port, with its stdout and stderr in a log file of its own: so that a test can count the log lines
 * of one exporter, send it SIGTERM, and see its threads and file descriptors in {@code /proc}.
 */
public final class ExporterProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving \\w+ mode on port (\\d+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "exporter-process-reaper"));
    }

    private final Process process;
    private final TemporaryDirectory directory;
    private final Path logFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExporterProcess(Process process, TemporaryDirectory directory, Path logFile, int port) {
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts {@code serve} with these options on 127.0.0.1 and a port the kernel picks; waits until it serves. */
    public static ExporterProcess start(String... options) {
        return start(List.of(), options);
    }

    /** As {@link #start(String...)}, with extra JVM options (e.g. {@code -Xmx256m}). */
    public static ExporterProcess start(List<String> jvmOptions, String... options) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        jvm.addAll(jvmOptions);
        return start(jvm, STARTUP_TIMEOUT, options);
    }

    /**
     * As {@link #start(String...)}, in a JVM with the sidecar's settings only ({@link SidecarJvm}): the image's
     * options and what the container's limits give. It may start slowly on a busy machine, so it is given a minute.
     */
    public static ExporterProcess startAsSidecar(String... options) {
        return start(SidecarJvm.options(), Duration.ofMinutes(1), options);
    }

    private static ExporterProcess start(List<String> jvmOptions, Duration startupTimeout, String... options) {
        TemporaryDirectory directory = TemporaryDirectory.create("contiv-exporter-");
        Path logFile = directory.resolve("exporter.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClassPath());
        command.add(Main.class.getName());
        command.add("serve");
        command.add("--web.listen-address");
        command.add("127.0.0.1:0");
        command.addAll(Arrays.asList(options));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.path().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException("cannot start " + command, e);
        }
        RUNNING.add(process);
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (true) {
            Matcher serving = SERVING.matcher(read(logFile));
            if (serving.find()) {
                return new ExporterProcess(process, directory, logFile, Integer.parseInt(serving.group(1)));
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = read(logFile);
                process.destroyForcibly();
                RUNNING.remove(process);
                directory.close();
                throw new IllegalStateException("exporter did not start (" + (process.isAlive() ? "timed out"
                        : "exited") + "); command " + command + "; log:\n" + log);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** The real classpath of the tests (surefire runs them from a manifest-only jar that names it). */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public Scrape scrape() {
        return scrape(Duration.ofSeconds(10));
    }

    /** One GET of /metrics; a failure to connect or a timeout is a scrape with status -1 and the error as body. */
    public Scrape scrape(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(timeout).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Scrape(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            return new Scrape(-1, e.toString(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes every 50 ms until a scrape satisfies the condition or time runs out; returns the last scrape. */
    public Scrape scrapeUntil(Predicate<Scrape> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Scrape scrape = scrape();
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            scrape = scrape();
        }
        return scrape;
    }

    /** Everything the exporter wrote so far. */
    public String log() {
        return read(logFile);
    }

    /** The log's length now: a mark from which {@link #logLinesSince} reads. */
    public int logMark() {
        return log().length();
    }

    public List<String> logLinesSince(int mark) {
        String log = log();
        return log.length() <= mark ? List.of() : log.substring(mark).lines().toList();
    }

    /** Threads of the process as the kernel counts them (JVM-internal ones included). */
    public int threadCount() {
        return countEntries(Path.of("/proc", Long.toString(pid()), "task"));
    }

    public int openFileDescriptors() {
        return countEntries(Path.of("/proc", Long.toString(pid()), "fd"));
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; true when it did within the time. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!awaitExit(Duration.ofSeconds(10))) {
                    process.destroyForcibly();
                    awaitExit(Duration.ofSeconds(5));
                }
            }
        } finally {
            RUNNING.remove(process);
            directory.close();
        }
    }

    private static int countEntries(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
