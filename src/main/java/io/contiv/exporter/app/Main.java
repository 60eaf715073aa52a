package io.contiv.exporter.app;

import io.contiv.exporter.metrics.BuildInfo;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "contiv-exporter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Prometheus exporter for Contiv container networking.%n"
                + "Run a command with --help for its options; without a command, 'serve' runs.",
        subcommands = {ServeCommand.class, OnceCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
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
        CommandLine commandLine = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((ex, args) -> {
                    ex.getCommandLine().getErr().println("contiv-exporter: " + ex.getMessage()
                            + " (see --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    cmd.getErr().println("contiv-exporter: " + (ex.getMessage() != null ? ex.getMessage() : ex));
                    return 1;
                });
        return commandLine;
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
