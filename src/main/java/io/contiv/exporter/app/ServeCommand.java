package io.contiv.exporter.app;

import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.web.WebSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Serve metrics over HTTP until stopped (the default command).")
public final class ServeCommand implements Callable<Integer>, OptionRules {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ExporterOptions options;

    @Mixin
    ServingOptions serving;

    /** The options of {@code serve} from {@code args}, as the command line would give them; for tests and tools. */
    public static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        OptionProblems.parse(command, args);
        return command;
    }

    public ExporterOptions options() {
        return options;
    }

    public ServingOptions serving() {
        return serving;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(options.problems());
        problems.addAll(serving.problems());
        return problems;
    }

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        // first, so that a bad web configuration stops the exporter before it starts anything
        WebSecurity security = serving.webSecurity();
        Exporter exporter = Exporter.serving(options, serving.scrapeTimeout(), serving.serverSettings());
        MetricsServer server;
        try {
            server = exporter.serve(serving.listenAddress(options.mode()), serving.telemetryPath(),
                    options.mode().name().toLowerCase() + " mode", security);
        } catch (java.io.IOException | RuntimeException e) {
            exporter.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long started = System.nanoTime();
            LOG.info("shutting down");
            server.close();
            exporter.close();
            LOG.info("contiv-exporter stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
            stopped.countDown();
        }, "shutdown"));
        LOG.info("contiv-exporter {} serving {} mode on port {} at {} ({})", BuildInfo.version(),
                options.mode().name().toLowerCase(), server.port(), serving.telemetryPath(),
                security == null ? "plain HTTP" : security + ", from " + serving.webConfigFile());
        stopped.await();
        return ExitCode.OK.code();
    }
}
