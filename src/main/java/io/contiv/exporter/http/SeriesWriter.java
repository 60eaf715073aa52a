package io.contiv.exporter.http;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.LabelNames;
import io.contiv.exporter.metrics.LabelSet;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.SeriesFamily;
import io.contiv.exporter.metrics.SeriesLabels;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link SeriesFamily} in a text format the way the client library's writer for that format writes the
 * same family, without making its data point objects: each series is the family's series name, the label set as
 * {@link SeriesLabels} keeps it written, the value, a line feed. What surrounds the series (HELP and TYPE lines,
 * the {@code _total} or {@code _info} suffix, name escaping) is taken from the library itself: it writes a probe of
 * the family (one series whose label values need every escape, with a value in exponent notation), and the family
 * is written here only when the probe ends exactly as this class would write that series. Otherwise, and for
 * formats it does not know, the caller leaves the family to the library.
 */
final class SeriesWriter {

    /** How the library lays out a family in one format: what precedes the series, and what starts each line. */
    private record Layout(byte[] header, byte[] seriesName, boolean info) {
    }

    private record Key(Class<?> writer, String contentType, EscapingScheme escaping, MetricFamily family) {
    }

    /** Label values that need each escape the formats have, and characters beyond ASCII. */
    private static final String PROBE_VALUE = "a\"b\\c\nd é 服 \uD83D\uDE00";
    private static final double PROBE_NUMBER = 6.74996843E8;
    /** Families times formats in use are a few dozen; more means odd statistics keys, so start again. */
    private static final int MAX_LAYOUTS = 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Map<Key, Optional<Layout>> layouts = new ConcurrentHashMap<>();
    private final DoubleText numbers = new DoubleText();
    private byte[] buffer = new byte[BUFFER_BYTES];

    /**
     * Writes the family to {@code out}, or returns false without writing anything when the library must write it.
     * One family at a time: the caller serialises calls.
     */
    boolean write(SeriesFamily family, ExpositionFormatWriter writer, EscapingScheme escaping, OutputStream out)
            throws IOException {
        Optional<Layout> layout = layout(family.family(), writer, escaping);
        if (layout.isEmpty()) {
            return false;
        }
        if (family.size() == 0) {
            // as the library: a family without points is not written at all
            return true;
        }
        Layout l = layout.get();
        int used = 0;
        out.write(l.header());
        SeriesLabels labels = family.labels();
        for (int i = 0; i < family.size(); i++) {
            byte[] labelText = labels.encoded(family.labelsOf(i));
            int needed = l.seriesName().length + labelText.length + DoubleText.MAX_LENGTH + 1;
            if (used + needed > buffer.length) {
                out.write(buffer, 0, used);
                used = 0;
                if (needed > buffer.length) {
                    buffer = new byte[needed];
                }
            }
            System.arraycopy(l.seriesName(), 0, buffer, used, l.seriesName().length);
            used += l.seriesName().length;
            System.arraycopy(labelText, 0, buffer, used, labelText.length);
            used += labelText.length;
            used = l.info() ? writeOne(buffer, used) : numbers.write(family.value(i), buffer, used);
            buffer[used++] = '\n';
        }
        out.write(buffer, 0, used);
        return true;
    }

    private static int writeOne(byte[] buffer, int at) {
        buffer[at] = '1';
        return at + 1;
    }

    private Optional<Layout> layout(MetricFamily family, ExpositionFormatWriter writer, EscapingScheme escaping) {
        Key key = new Key(writer.getClass(), writer.getContentType(), escaping, family);
        Optional<Layout> known = layouts.get(key);
        if (known != null) {
            return known;
        }
        if (layouts.size() >= MAX_LAYOUTS) {
            layouts.clear();
        }
        Optional<Layout> probed = probe(family, writer, escaping);
        layouts.put(key, probed);
        return probed;
    }

    /** What the library writes for a probe of the family, split into header and series name, if as expected. */
    static Optional<Layout> probe(MetricFamily family, ExpositionFormatWriter writer, EscapingScheme escaping) {
        if (!writer.isAvailable() || writer.getContentType().contains("protobuf")) {
            return Optional.empty();
        }
        String[] values = new String[family.labelNames().size()];
        Arrays.fill(values, PROBE_VALUE);
        LabelSet labels = LabelNames.of(family.labelNames()).values(values);
        Families probe = new Families();
        boolean info = family.type() == MetricFamily.Type.INFO;
        probe.add(family, labels.labels(), info ? 1 : PROBE_NUMBER);
        try {
            byte[] written = write(MetricSnapshots.of(probe.build().toArray(MetricSnapshot[]::new)), writer, escaping);
            byte[] trailer = write(MetricSnapshots.of(), writer, escaping);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            SeriesLabels.write(labels, line);
            byte[] value = new byte[DoubleText.MAX_LENGTH];
            int valueLength = info ? writeOne(value, 0) : new DoubleText().write(PROBE_NUMBER, value, 0);
            line.write(value, 0, valueLength);
            line.write('\n');
            line.writeBytes(trailer);
            byte[] expectedEnd = line.toByteArray();
            int prefix = written.length - expectedEnd.length;
            if (prefix <= 0 || !Arrays.equals(written, prefix, written.length, expectedEnd, 0, expectedEnd.length)) {
                return Optional.empty();
            }
            int lineStart = prefix;
            while (lineStart > 0 && written[lineStart - 1] != '\n') {
                lineStart--;
            }
            byte[] seriesName = Arrays.copyOfRange(written, lineStart, prefix);
            if (lineStart == 0 || !plainName(seriesName)) {
                return Optional.empty();
            }
            return Optional.of(new Layout(Arrays.copyOf(written, lineStart), seriesName, info));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean plainName(byte[] name) {
        if (name.length == 0) {
            return false;
        }
        String text = new String(name, StandardCharsets.UTF_8);
        return text.chars().allMatch(c -> c == '_' || c == ':' || Character.isLetterOrDigit(c) && c < 128);
    }

    private static byte[] write(MetricSnapshots snapshots, ExpositionFormatWriter writer, EscapingScheme escaping)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, snapshots, escaping);
        return out.toByteArray();
    }
}
