package io.contiv.exporter.app;

import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.web.WebConfigException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

@Command(name = "contiv-exporter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Prometheus exporter for Contiv container networking.%n"
                + "Run a command with --help for its options; without a command, 'serve' runs.",
        subcommands = {ServeCommand.class, OnceCommand.class, DemoCommand.class, VersionCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

    @Override
    public void run() {
        // never reached: main() routes a bare invocation to 'serve'
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine().setOut(out).setErr(err);
        return commandLine.execute(withDefaultCommand(commandLine, args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = OptionProblems.collecting(new CommandLine(new Main()))
                .setCaseInsensitiveEnumValuesAllowed(true)
                // every problem of a command line is reported at once, by checkThenRun
                .setExecutionStrategy(Main::checkThenRun)
                .setParameterExceptionHandler((ex, args) -> usageError(ex.getCommandLine(), List.of(ex.getMessage())))
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    cmd.getErr().println("contiv-exporter: " + (ex.getMessage() != null ? ex.getMessage() : ex));
                    return ex instanceof WebConfigException ? ExitCode.USAGE.code() : ExitCode.FAILED.code();
                });
        forEachCommand(commandLine);
        return commandLine;
    }

    /** The exit-code footer of every command's help. */
    private static void forEachCommand(CommandLine commandLine) {
        Object command = commandLine.getCommandSpec().userObject();
        if (!(command instanceof CommandLine.HelpCommand || command instanceof VersionCommand)) {
            commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList());
        }
        commandLine.getSubcommands().values().forEach(Main::forEachCommand);
    }

    private static int checkThenRun(ParseResult parsed) {
        Integer helped = CommandLine.executeHelpRequest(parsed);
        if (helped != null) {
            return helped;
        }
        List<String> problems = OptionProblems.of(parsed);
        if (!problems.isEmpty()) {
            ParseResult command = parsed;
            while (command.hasSubcommand()) {
                command = command.subcommand();
            }
            return usageError(command.commandSpec().commandLine(), problems);
        }
        return new RunLast().execute(parsed);
    }

    private static int usageError(CommandLine command, List<String> problems) {
        PrintWriter err = command.getErr();
        problems.forEach(problem -> err.println("contiv-exporter: " + problem));
        err.println("contiv-exporter: see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String[] withDefaultCommand(CommandLine commandLine, String[] args) {
        if (args.length > 0 && (commandLine.getSubcommands().containsKey(args[0]) || TOP_LEVEL.contains(args[0]))) {
            return args;
        }
        String[] withServe = new String[args.length + 1];
        withServe[0] = "serve";
        System.arraycopy(args, 0, withServe, 1, args.length);
        return withServe;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"contiv-exporter " + BuildInfo.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
