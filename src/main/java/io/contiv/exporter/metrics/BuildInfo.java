package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The exporter's version, read from the properties Maven writes into the jar. */
public final class BuildInfo {

    private static final String VERSION = readVersion();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    public static MetricSnapshot snapshot() {
        return InfoSnapshot.builder().name("contiv_exporter_build")
                .help("Version of contiv-exporter that serves these metrics.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", VERSION)).build())
                .build();
    }

    private static String readVersion() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/contiv-exporter.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
