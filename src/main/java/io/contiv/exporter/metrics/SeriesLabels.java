package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The label sets of many series, sorted as the client library sorts a family's data points and free of
 * duplicates, each also kept written as the text formats write a label set: {@code {name="value",...}} and the
 * space before the value. Made once per change of what the labels say and shared by every family and every
 * version of the families that use them, so that a change of values writes numbers only.
 */
public final class SeriesLabels {

    private final LabelSet[] labels;
    private volatile byte[][] encoded;

    private SeriesLabels(LabelSet[] labels) {
        this.labels = labels;
    }

    /** {@code sorted} must be in {@link Labels}' order (see {@link LabelSet}) and without duplicates. */
    public static SeriesLabels ofSorted(List<LabelSet> sorted) {
        LabelSet[] array = sorted.toArray(LabelSet[]::new);
        for (int i = 1; i < array.length; i++) {
            if (array[i - 1].compareTo(array[i]) >= 0) {
                throw new IllegalArgumentException("label sets out of order or repeated at " + i + ": " + array[i]);
            }
        }
        return new SeriesLabels(array);
    }

    public int size() {
        return labels.length;
    }

    public LabelSet labels(int index) {
        return labels[index];
    }

    /** The label set at {@code index} as {@link #write} writes it. */
    public byte[] encoded(int index) {
        byte[][] all = encoded;
        if (all == null) {
            all = new byte[labels.length][];
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            for (int i = 0; i < labels.length; i++) {
                out.reset();
                write(labels[i], out);
                all[i] = out.toByteArray();
            }
            encoded = all;
        }
        return all[index];
    }

    /**
     * A label set as the client library's text writers (Prometheus text 0.0.4 and OpenMetrics 1.0) write it after
     * a metric name whose label names need no quoting: nothing but the space when there are no labels, else
     * {@code {a="x",b="y"}} and the space, with backslash, double quote and line feed escaped in values, UTF-8.
     */
    public static void write(LabelSet labels, ByteArrayOutputStream out) {
        if (labels.size() > 0) {
            out.write('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(labels.nameBytes(i));
                out.write('=');
                out.write('"');
                writeEscaped(labels.value(i), out);
                out.write('"');
            }
            out.write('}');
        }
        out.write(' ');
    }

    private static void writeEscaped(String value, ByteArrayOutputStream out) {
        if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            return;
        }
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '"' -> "\\\"";
                case '\n' -> "\\n";
                default -> null;
            };
            if (escape != null) {
                out.writeBytes(value.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(escape.getBytes(StandardCharsets.US_ASCII));
                start = i + 1;
            }
        }
        out.writeBytes(value.substring(start).getBytes(StandardCharsets.UTF_8));
    }
}
