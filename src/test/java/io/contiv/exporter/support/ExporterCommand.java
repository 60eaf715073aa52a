package io.contiv.exporter.support;

import io.contiv.exporter.app.Main;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.CommandRunner;
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(ExporterProcess.testClassPath());
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        return RUNNER.run(command, null, environment);
    }
}
