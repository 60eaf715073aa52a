package io.contiv.exporter.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code contiv-exporter version}: the same as {@code --version}, for those who type it as a command. */
@Command(name = "version", description = "Print version information and exit (as --version).")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.root().commandLine().printVersionHelp(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
