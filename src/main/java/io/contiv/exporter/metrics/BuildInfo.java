package io.contiv.exporter.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/** The exporter's version, read from the properties Maven writes into the jar. */
public final class BuildInfo {

    public static final MetricFamily FAMILY = MetricFamily.info("contiv_exporter_build",
            "Version of contiv-exporter that serves these metrics.", List.of("version"));

    private static final String VERSION = readVersion();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
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
