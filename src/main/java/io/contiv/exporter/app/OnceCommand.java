package io.contiv.exporter.app;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "once", mixinStandardHelpOptions = true,
        description = "Collect once, print the exposition text to stdout, and exit non-zero if any source failed.")
public final class OnceCommand implements Callable<Integer> {

    @Mixin
    ExporterOptions options;

    @Override
    public Integer call() throws Exception {
        try (Exporter exporter = Exporter.create(options)) {
            PrintStream out = System.out;
            PrometheusTextFormatWriter.create().write(out, exporter.registry().scrape(), EscapingScheme.DEFAULT);
            out.flush();
            return exporter.health().allUp() ? 0 : 1;
        }
    }
}
