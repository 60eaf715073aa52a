package io.contiv.exporter.app;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "once", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Collect once and print the exposition text to stdout. Waits for the first read of every "
                + "source (up to --timeout); exits non-zero, with the reasons on stderr, if a source failed or did "
                + "not answer, or if OVS holds endpoints the endpoint directory does not know.")
public final class OnceCommand implements Callable<Integer>, OptionRules {

    @Spec
    CommandSpec spec;

    @Mixin
    ExporterOptions options;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the first read of every source; a read not finished by then is "
                    + "reported as a failure. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "100ms", max = "1h")
    Duration timeout;

    @Override
    public List<String> problems() {
        return options.problems();
    }

    @Override
    public Integer call() throws Exception {
        try (Exporter exporter = Exporter.once(options, timeout)) {
            Collected collected = exporter.collectOnce();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(text, collected.snapshots(), EscapingScheme.DEFAULT);
            PrintWriter out = spec.commandLine().getOut();
            out.print(text.toString(StandardCharsets.UTF_8));
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            collected.problems().forEach(problem -> err.println("contiv-exporter: " + problem));
            err.flush();
            return collected.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
        }
    }
}
