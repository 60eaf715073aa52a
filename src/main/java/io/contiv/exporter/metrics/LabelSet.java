package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;

/**
 * The labels of one series: names of a {@link LabelNames}, values in their order. Ordered and equal as the client
 * library's {@link Labels} of the same names and values (names first, then values, each lexicographically), so that
 * series sorted by it are in the order the library writes them; {@link #labels()} makes the library's own.
 */
public final class LabelSet implements Comparable<LabelSet> {

    private final LabelNames names;
    private final String[] values;

    LabelSet(LabelNames names, String[] values) {
        this.names = names;
        this.values = values;
    }

    public int size() {
        return values.length;
    }

    public String name(int i) {
        return names.name(i);
    }

    /** The name as UTF-8, made once per kind of series. */
    byte[] nameBytes(int i) {
        return names.nameBytes(i);
    }

    public String value(int i) {
        return values[i];
    }

    /** The client library's labels (its checks included): for the slow path that builds snapshots. */
    public Labels labels() {
        return Labels.of(names.sorted(), values.clone());
    }

    @Override
    public int compareTo(LabelSet other) {
        int byNames = names.compareTo(other.names);
        return byNames != 0 ? byNames : compare(values, other.values);
    }

    /** {@code Labels}' comparison of two arrays: element by element, a shorter prefix first. */
    static int compare(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (b.length <= i) {
                return 1;
            }
            int result = a[i].compareTo(b[i]);
            if (result != 0) {
                return result;
            }
        }
        return b.length > a.length ? -1 : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSet set && names.sameAs(set.names) && Arrays.equals(values, set.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            text.append(i > 0 ? ", " : "").append(names.name(i)).append("=\"").append(values[i]).append('"');
        }
        return text.append('}').toString();
    }
}
