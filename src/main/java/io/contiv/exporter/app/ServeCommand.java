package io.contiv.exporter.app;

import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.web.WebSecurity;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve metrics over HTTP until stopped (the default command).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ExporterOptions options;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        // first, so that a bad web configuration stops the exporter before it starts anything
        WebSecurity security = options.webConfigFile() == null ? null : WebSecurity.load(options.webConfigFile());
        Exporter exporter = Exporter.create(options);
        MetricsServer server;
        try {
            server = exporter.serve(options.listenAddress(), options.telemetryPath(),
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
                options.mode().name().toLowerCase(), server.port(), options.telemetryPath(),
                security == null ? "plain HTTP" : security + ", from " + options.webConfigFile());
        stopped.await();
        return 0;
    }
}
