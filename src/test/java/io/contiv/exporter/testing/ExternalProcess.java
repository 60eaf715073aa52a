package io.contiv.exporter.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running program started from an argument list, with stdout and stderr appended to one log file.
 * Stopped by PID: SIGTERM, then SIGKILL after a grace period.
 */
public final class ExternalProcess implements AutoCloseable {

    /** A readiness check; exceptions count as "not ready yet". */
    @FunctionalInterface
    public interface Condition {
        boolean isMet() throws Exception;
    }

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final int LOG_TAIL_LINES = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ExternalProcess.class);

    // Killed by a shutdown hook so an aborted test JVM leaves no servers behind.
    private static final Set<ExternalProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(running -> running.process.toHandle().destroyForcibly()),
                "external-process-reaper"));
    }

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path logFile;

    private ExternalProcess(String name, List<String> command, Process process, Path logFile) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.logFile = logFile;
    }

    public static ExternalProcess start(String name, List<String> command, Path logFile) {
        List<String> arguments = List.copyOf(command);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(arguments)
                    .directory(logFile.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            ExternalProcess started = new ExternalProcess(name, arguments, process, logFile);
            RUNNING.add(started);
            LOG.info("started {} (pid {}): {}", name, process.pid(), arguments);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + arguments, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail() {
        return logTail(LOG_TAIL_LINES);
    }

    public String logTail(int lines) {
        return tailOf(logFile, lines);
    }

    static String tailOf(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log file " + file + ")";
            }
            List<String> all = Arrays.asList(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    public void awaitPort(int port, Duration timeout) {
        awaitCondition("TCP port 127.0.0.1:" + port + " accepts connections", timeout, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            }
        });
    }

    /**
     * Polls until the condition holds. Fails fast with the log tail if the program exits, and with the
     * log tail and the last error if time runs out.
     */
    public void awaitCondition(String description, Duration timeout, Condition condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        while (true) {
            if (!process.isAlive()) {
                throw new ProcessStartFailedException(name + " exited with code " + process.exitValue()
                        + " while waiting until " + description + "; command: " + command, logTail());
            }
            try {
                if (condition.isMet()) {
                    return;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                IllegalStateException failure = new IllegalStateException(name + " (pid " + pid()
                        + ") not ready after " + timeout + ": expected " + description
                        + (lastError == null ? "" : "; last error: " + lastError)
                        + "\n--- last lines of " + logFile + " ---\n" + logTail());
                if (lastError != null) {
                    failure.addSuppressed(lastError);
                }
                throw failure;
            }
            sleep(POLL_INTERVAL);
        }
    }

    public void stop() {
        stop(DEFAULT_GRACE);
    }

    public void stop(Duration grace) {
        ProcessHandle handle = process.toHandle();
        try {
            if (handle.isAlive()) {
                handle.descendants().forEach(ProcessHandle::destroy);
                handle.destroy();
                try {
                    handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    LOG.warn("{} (pid {}) ignored SIGTERM for {}; sending SIGKILL", name, pid(), grace);
                    handle.descendants().forEach(ProcessHandle::destroyForcibly);
                    handle.destroyForcibly();
                    handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                }
                LOG.info("stopped {} (pid {})", name, pid());
            }
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot stop " + name + " (pid " + pid() + ")", e);
        } finally {
            RUNNING.remove(this);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
