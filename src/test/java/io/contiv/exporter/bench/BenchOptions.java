package io.contiv.exporter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The bench's command line: {@code --name value} pairs, each with a default that gives the documented run. */
record BenchOptions(
        Path jar,
        List<Integer> sizes,
        int scrapes,
        int warmupScrapes,
        int refreshRounds,
        Duration netmasterLoadDuration,
        Duration fullSpeedDuration,
        int startupSamples,
        int floorRuns,
        List<String> exporterJvmOptions,
        Optional<Path> jmhResults,
        Path report,
        Optional<Path> notes,
        Path workDirectory,
        String command,
        Phase phase,
        List<Integer> productionSizes,
        Duration productionDuration,
        Duration clusterChurnDuration,
        Duration clusterNetmasterDuration) {

    /**
     * Which measurements to run: the latency and load phases per size (classic), the production phase, the cluster
     * scale, or all; one phase alone rewrites only its section.
     */
    enum Phase {
        ALL, CLASSIC, PRODUCTION, CLUSTER_SCALE;

        boolean sizes() {
            return this == ALL || this == CLASSIC;
        }

        boolean production() {
            return this == ALL || this == PRODUCTION;
        }

        boolean clusterScale() {
            return this == ALL || this == CLUSTER_SCALE;
        }
    }

    static final String USAGE = """
            options (all optional):
              --jar PATH                  exporter jar (target/contiv-exporter.jar)
              --sizes N,N                 interfaces on the node (1000,10000)
              --scrapes N                 scrapes per latency phase (200)
              --warmup N                  unmeasured scrapes first (20)
              --refresh-rounds N          rounds of 4 scrapes right after a statistics refresh (25)
              --netmaster-seconds N       how long to scrape every 5 s while counting netmaster requests (90)
              --full-speed-seconds N      how long 4 scrapers scrape flat out while counting them too (65)
              --startups N                exporter starts timed to the first complete scrape (3)
              --floor-runs N              timed ovsdb-client runs (10)
              --exporter-jvm-option OPT   passed to the exporter's java, repeatable (none: default heap)
              --jmh-results PATH          JMH JSON results to include in the report
              --report PATH               where to write the report (BENCHMARKS.md)
              --notes PATH                hand-written notes appended to the report (bench/NOTES.md, if present)
              --work-dir PATH             exporter logs (a new directory under /tmp)
              --command TEXT              how the bench was invoked, for the report
              --phase all|classic|production|cluster-scale   which phases (all); one alone rewrites only its section
              --production-sizes N,N      interfaces in the production phase (110,1000,10000)
              --production-seconds N      how long the production load runs per size (110)
              --cluster-churn-seconds N   cluster scale: how long states are rewritten elsewhere (60)
              --cluster-netmaster-seconds N  cluster scale: how long netmaster mode is watched refreshing (65)
            """;

    static BenchOptions parse(String[] args, Path defaultWorkDirectory) {
        Path jar = Path.of("target/contiv-exporter.jar");
        List<Integer> sizes = List.of(1_000, 10_000);
        int scrapes = 200;
        int warmup = 20;
        int refreshRounds = 25;
        Duration netmaster = Duration.ofSeconds(90);
        Duration fullSpeed = Duration.ofSeconds(65);
        int startups = 3;
        int floorRuns = 10;
        List<String> jvmOptions = new ArrayList<>();
        Optional<Path> jmh = Optional.empty();
        Path report = Path.of("BENCHMARKS.md");
        Path notes = Path.of("bench/NOTES.md");
        Path work = defaultWorkDirectory;
        String command = "bench/run.sh";
        Phase phase = Phase.ALL;
        List<Integer> productionSizes = List.of(110, 1_000, 10_000);
        Duration production = Duration.ofSeconds(110);
        Duration churn = Duration.ofSeconds(60);
        Duration netmasterMode = Duration.ofSeconds(65);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--jar" -> jar = Path.of(value);
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--scrapes" -> scrapes = positive(name, value);
                case "--warmup" -> warmup = positive(name, value);
                case "--refresh-rounds" -> refreshRounds = positive(name, value);
                case "--netmaster-seconds" -> netmaster = Duration.ofSeconds(positive(name, value));
                case "--floor-runs" -> floorRuns = positive(name, value);
                case "--full-speed-seconds" -> fullSpeed = Duration.ofSeconds(positive(name, value));
                case "--startups" -> startups = positive(name, value);
                case "--exporter-jvm-option" -> jvmOptions.add(value);
                case "--jmh-results" -> jmh = Optional.of(Path.of(value));
                case "--report" -> report = Path.of(value);
                case "--notes" -> notes = Path.of(value);
                case "--work-dir" -> work = Path.of(value);
                case "--command" -> command = value;
                case "--phase" -> phase = Phase.valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                case "--production-sizes" -> productionSizes = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                case "--production-seconds" -> production = Duration.ofSeconds(positive(name, value));
                case "--cluster-churn-seconds" -> churn = Duration.ofSeconds(positive(name, value));
                case "--cluster-netmaster-seconds" -> netmasterMode = Duration.ofSeconds(positive(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new BenchOptions(jar, sizes, scrapes, warmup, refreshRounds, netmaster, fullSpeed, startups, floorRuns,
                List.copyOf(jvmOptions), jmh, report,
                Files.isRegularFile(notes) ? Optional.of(notes) : Optional.empty(), work, command, phase,
                productionSizes, production, churn, netmasterMode);
    }

    /**
     * How long to let the exporter take in a statistics refresh before scraping: decoding 10,000 changed rows takes
     * a few hundred milliseconds on this machine, so this leaves a wide margin (the report counts stale scrapes).
     */
    long settleMillis(int endpoints) {
        return Math.max(1_000, endpoints / 5);
    }

    private static int positive(String name, String value) {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return parsed;
    }
}
