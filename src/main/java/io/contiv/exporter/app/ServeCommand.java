package io.contiv.exporter.app;

import io.contiv.exporter.metrics.BuildInfo;
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
        Exporter exporter = Exporter.create(options);
        MetricsServer server = MetricsServer.start(exporter.registry(), options.listenAddress(),
                options.telemetryPath(), options.mode().name().toLowerCase() + " mode");
        exporter.whenPrepared(server::preEncode);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            server.close();
            exporter.close();
            stopped.countDown();
        }, "shutdown"));
        LOG.info("contiv-exporter {} serving {} mode on port {} at {}", BuildInfo.version(),
                options.mode().name().toLowerCase(), server.port(), options.telemetryPath());
        stopped.await();
        return 0;
    }
}
