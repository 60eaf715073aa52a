package io.contiv.exporter.deploy;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the deploy checks run (promtool, kubectl): found through an environment variable, the
 * PATH or a fixed location, and run with an argument list (never through a shell).
 */
final class ExternalTool {

    /** Set to 1 to turn a missing required tool into a failure instead of a skipped test. */
    static final String REQUIRE_REAL = "CONTIV_EXPORTER_REQUIRE_REAL";

    private static final long TIMEOUT_SECONDS = 120;

    final String name;
    final Path executable;

    private ExternalTool(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    /** promtool: {@code $PROMTOOL}, else the PATH, else /usr/bin/promtool. */
    static Optional<ExternalTool> promtool() {
        return find("promtool", "PROMTOOL", "/usr/bin/promtool");
    }

    /** kubectl (for {@code kubectl kustomize}): {@code $KUBECTL}, else the PATH, else /usr/bin/kubectl. */
    static Optional<ExternalTool> kubectl() {
        return find("kubectl", "KUBECTL", "/usr/bin/kubectl");
    }

    static boolean realToolsRequired() {
        return "1".equals(System.getenv(REQUIRE_REAL));
    }

    /**
     * The tool, or the end of the calling test: skipped through an assumption, or failed when
     * {@value #REQUIRE_REAL}=1.
     */
    static ExternalTool required(Optional<ExternalTool> tool, String what) {
        if (tool.isEmpty()) {
            String message = what + " is not installed (set its path in $" + what.toUpperCase() + ")";
            if (realToolsRequired()) {
                fail(message + ", and " + REQUIRE_REAL + "=1 requires it");
            }
            assumeTrue(false, message + ": skipped");
        }
        return tool.get();
    }

    /** The tool, or a skipped test: for optional checks that {@value #REQUIRE_REAL} does not make mandatory. */
    static ExternalTool optional(Optional<ExternalTool> tool, String what) {
        assumeTrue(tool.isPresent(), what + " is not installed: skipped");
        return tool.get();
    }

    private static Optional<ExternalTool> find(String name, String envVariable, String fallback) {
        String fromEnv = System.getenv(envVariable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Paths.get(fromEnv);
            return Files.isExecutable(p) ? Optional.of(new ExternalTool(name, p)) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Paths.get(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new ExternalTool(name, p));
                }
            }
        }
        Path p = Paths.get(fallback);
        return Files.isExecutable(p) ? Optional.of(new ExternalTool(name, p)) : Optional.empty();
    }

    /** The outcome of one run: exit code and the combined standard output and error. */
    record Result(List<String> command, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + " (in the test's directory) exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs the tool with these arguments in {@code workingDirectory}. */
    Result run(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        // kubectl must never reach a cluster from the tests.
        pb.environment().put("KUBECONFIG", "/dev/null");
        try {
            Path out = Files.createTempFile("contiv-deploy-" + name, ".out");
            try {
                pb.redirectOutput(out.toFile());
                Process process = pb.start();
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
