package io.contiv.exporter.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the real promtool. Exit codes: 0 fine, 1 error, 3 lint problems only (e.g. a counter without
 * the _total suffix in "check metrics").
 */
public final class Promtool {

    public static final List<String> REQUIRED_BINARIES = List.of("promtool");

    private final Path executable;
    private final CommandRunner commands;

    public Promtool(Path executable, CommandRunner commands) {
        this.executable = executable;
        this.commands = commands;
    }

    public static Promtool locate() {
        return new Promtool(Binaries.fromEnvironment().require("promtool"), new CommandRunner(Duration.ofSeconds(60)));
    }

    /** {@code promtool check metrics} with the exposition text on stdin. */
    public CommandResult checkMetrics(String exposition) {
        return commands.run(List.of(executable.toString(), "check", "metrics"), exposition);
    }

    public CommandResult checkConfig(Path configFile) {
        return commands.run(List.of(executable.toString(), "check", "config", configFile.toString()));
    }

    public CommandResult checkRules(Path... ruleFiles) {
        return run("check", "rules", ruleFiles);
    }

    public CommandResult testRules(Path... testFiles) {
        return run("test", "rules", testFiles);
    }

    private CommandResult run(String verb, String noun, Path... files) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), verb, noun));
        for (Path file : files) {
            command.add(file.toString());
        }
        return commands.run(command);
    }
}
