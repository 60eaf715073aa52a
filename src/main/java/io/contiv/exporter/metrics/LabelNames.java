package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The label names of a kind of series, checked once, in the order the client library keeps them in a
 * {@link Labels} (sorted). A {@link LabelSet} of these names is made without the library's checks of each name,
 * which at ten thousand series cost more than everything else a change of labels does.
 */
public final class LabelNames {

    private final String[] sorted;
    private final byte[][] sortedBytes;
    /** For each sorted position, where that name was among the names as given. */
    private final int[] fromGiven;

    private LabelNames(String[] sorted, int[] fromGiven) {
        this.sorted = sorted;
        this.fromGiven = fromGiven;
        this.sortedBytes = new byte[sorted.length][];
        for (int i = 0; i < sorted.length; i++) {
            sortedBytes[i] = sorted[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Names as a family declares them; the library checks them and says in which order it keeps them. */
    public static LabelNames of(List<String> names) {
        String[] given = names.toArray(String[]::new);
        String[] positions = new String[given.length];
        for (int i = 0; i < given.length; i++) {
            positions[i] = Integer.toString(i);
        }
        Labels probe = Labels.of(given, positions);
        String[] sorted = new String[given.length];
        int[] fromGiven = new int[given.length];
        for (int i = 0; i < given.length; i++) {
            sorted[i] = probe.getName(i);
            fromGiven[i] = Integer.parseInt(probe.getValue(i));
        }
        return new LabelNames(sorted, fromGiven);
    }

    /** The label set with these values, given in the order of the names as given to {@link #of}. */
    public LabelSet values(String... values) {
        if (values.length != sorted.length) {
            throw new IllegalArgumentException(sorted.length + " label names but " + values.length + " values");
        }
        String[] inOrder = new String[values.length];
        for (int i = 0; i < inOrder.length; i++) {
            String value = values[fromGiven[i]];
            if (value == null) {
                throw new NullPointerException("label " + sorted[i] + " has no value");
            }
            inOrder[i] = value;
        }
        return new LabelSet(this, inOrder);
    }

    int size() {
        return sorted.length;
    }

    String name(int i) {
        return sorted[i];
    }

    byte[] nameBytes(int i) {
        return sortedBytes[i];
    }

    String[] sorted() {
        return sorted;
    }

    /** As the library compares its names: lexicographically, name by name. */
    int compareTo(LabelNames other) {
        return this == other ? 0 : LabelSet.compare(sorted, other.sorted);
    }

    boolean sameAs(LabelNames other) {
        return this == other || Arrays.equals(sorted, other.sorted);
    }
}
