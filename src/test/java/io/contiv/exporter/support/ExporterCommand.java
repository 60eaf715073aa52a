package io.contiv.exporter.support;

import io.contiv.exporter.app.Main;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The exporter's command line run to its end in a child JVM of its own (the test classpath): for what only a
 * process shows, such as its exit status, the environment it reads, and cold JVMs started together.
 */
public final class ExporterCommand {

    private static final CommandRunner RUNNER = new CommandRunner(Duration.ofMinutes(3));

    private ExporterCommand() {
    }

    public static CommandResult run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code contiv-exporter args} with {@code environment} added to this process's environment. */
    public static CommandResult run(Map<String, String> environment, String... args) {
        return RUNNER.run(command(args), null, environment);
    }

    /**
     * Starts {@code contiv-exporter args} (a command that runs until stopped, such as {@code demo}) with its
     * stdout and stderr in {@code log}; the caller destroys the process.
     */
    public static Process start(Path log, String... args) {
        try {
            return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Arrays.toString(args), e);
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(ExporterProcess.testClassPath());
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
