package io.contiv.exporter.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Where the files under deploy/ are, for the tests of this package. */
final class DeployFiles {

    private DeployFiles() {}

    /** The project's base directory: Maven's {@code basedir}, else the working directory or a parent of it. */
    static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        if (basedir != null && Files.isDirectory(Paths.get(basedir, "deploy"))) {
            return Paths.get(basedir).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project's deploy/ directory from " + Paths.get("").toAbsolutePath());
    }

    static Path deploy() {
        return projectRoot().resolve("deploy");
    }

    static Path deploy(String relative) {
        return deploy().resolve(relative);
    }

    static Path dashboard() {
        return deploy("grafana/contiv-exporter-dashboard.json");
    }

    static Path prometheusConfig() {
        return deploy("prometheus/prometheus.yml");
    }

    static Path alertRules() {
        return deploy("prometheus/alerts.yml");
    }

    static Path alertTests() {
        return deploy("prometheus/alerts_test.yml");
    }

    static Path kubernetes() {
        return deploy("kubernetes");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every *.yaml / *.yml file under {@code dir}, sorted. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
