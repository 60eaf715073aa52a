package io.contiv.exporter.bench;

import io.contiv.exporter.testing.TemporaryDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end bench (run by {@code bench/run.sh}, never by {@code mvn verify}): the production phase (statistics
 * rewritten every 5 s, scraped as Prometheus does, the exporter with the sidecar's JVM settings) and, for each size,
 * the latency and load phases (a real ovsdb-server, a netmaster stand-in and the exporter jar in its own JVM,
 * measured from outside); then BENCHMARKS.md, or only its production section when that phase ran alone.
 * Every process it starts is stopped before it returns, also when a measurement fails.
 */
public final class EndToEndBench {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndBench.class);

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        // the bench's own HTTP clients must not sit on idle connections the exporter then closes (and counts)
        System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        try (TemporaryDirectory scratch = TemporaryDirectory.create("contiv-exporter-bench-")) {
            BenchOptions options = BenchOptions.parse(args, scratch.path());
            if (!Files.isRegularFile(options.jar())) {
                throw new IllegalStateException(options.jar() + " is missing: run mvn -q package -DskipTests first");
            }
            Files.createDirectories(options.workDirectory());
            ZonedDateTime started = ZonedDateTime.now();
            List<JmhResults.Row> jmh = options.jmhResults().isPresent()
                    ? JmhResults.read(options.jmhResults().get()) : List.of();
            Optional<String> production = ProductionReport.existing(options.report());
            if (options.phase().production()) {
                List<ProductionFigures> figures = new ArrayList<>();
                for (int size : options.productionSizes()) {
                    figures.add(new ProductionRun(options, size).run());
                }
                production = Optional.of(new ProductionReport(options, started, ProductionRun.jvmOptions(options),
                        figures, jmh).section());
                if (options.phase() == BenchOptions.Phase.PRODUCTION) {
                    ProductionReport.merge(options.report(), production.get());
                    LOG.info("wrote the production section of {}", options.report().toAbsolutePath());
                    return;
                }
            }
            MachineInfo machine = MachineInfo.describe();
            String existing = Files.isRegularFile(options.report()) ? Files.readString(options.report()) : "";
            String sizes = ClusterScaleReport.without(existing);
            if (options.phase().sizes()) {
                String loadBefore = MachineInfo.loadAverage();
                List<SizeFigures> figures = new ArrayList<>();
                for (int size : options.sizes()) {
                    figures.add(new SizeRun(options, size).run());
                }
                String loadAfter = MachineInfo.loadAverage();
                sizes = new BenchmarksReport(options, machine, started, loadBefore, loadAfter, figures, jmh,
                        production).render();
            }
            String cluster = ClusterScaleReport.extract(existing).orElse("");
            if (options.phase().clusterScale()) {
                cluster = ClusterScaleReport.section(new ClusterScaleRun(options).run(), options, machine, started);
            }
            Files.writeString(options.report(), ClusterScaleReport.merge(sizes, cluster));
            LOG.info("wrote {}", options.report().toAbsolutePath());
        }
    }
}
