package io.contiv.exporter.support;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders snapshots in the Prometheus text format and reads the samples back, for assertions on exact series. */
public final class ExpositionText {

    private ExpositionText() {
    }

    public static String text(List<MetricSnapshot> snapshots) {
        return text(new MetricSnapshots(snapshots));
    }

    public static String text(MetricSnapshots snapshots) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.DEFAULT);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every sample line, keyed by its series as written (name and labels) and valued by the parsed number. */
    public static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new TreeMap<>();
        Arrays.stream(text.split("\n"))
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                });
        return samples;
    }
}
