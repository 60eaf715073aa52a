package io.contiv.exporter.ovsdb;

import java.util.Arrays;

/**
 * Collects the statistics of one row as they are read, then makes them an {@link InterfaceStatistics}: a whole
 * map (a row of an initial reply, or of an {@code update}), or the changes of an {@code update2} "modify" applied
 * to what the row had. Reused from row to row by one reader.
 */
final class StatisticsBuilder {

    private String[] keys = new String[16];
    private long[] values = new long[16];
    private int size;
    private StatisticKeys baseKeys;

    /** Starts an empty map. */
    void startEmpty() {
        size = 0;
        baseKeys = null;
    }

    /** Starts from what a row has, to apply an {@code update2} map difference to it. */
    void startFrom(InterfaceStatistics base) {
        size = 0;
        ensure(base.size());
        for (int i = 0; i < base.size(); i++) {
            keys[i] = base.keyAt(i);
            values[i] = base.valueAt(i);
        }
        size = base.size();
        baseKeys = base.keys();
    }

    /** A key and value of a whole map; a key given twice keeps its last value. */
    void put(String key, long value) {
        int index = find(key);
        if (index >= 0) {
            values[index] = value;
            return;
        }
        append(key, value);
    }

    /**
     * One pair of an {@code update2} map difference (RFC 7047 as extended by ovsdb-server(7)): a key the map has
     * with this very value is removed, with another value it takes this one, and a key it lacks is added.
     */
    void applyDifference(String key, long value) {
        int index = find(key);
        if (index < 0) {
            append(key, value);
            baseKeys = null;
        } else if (values[index] == value) {
            size--;
            keys[index] = keys[size];
            values[index] = values[size];
            keys[size] = null;
            baseKeys = null;
        } else {
            values[index] = value;
        }
    }

    InterfaceStatistics build() {
        if (size == 0) {
            return InterfaceStatistics.EMPTY;
        }
        if (baseKeys != null) {
            return new InterfaceStatistics(baseKeys, Arrays.copyOf(values, size));
        }
        sortByKey();
        return new InterfaceStatistics(StatisticKeys.of(Arrays.copyOf(keys, size)), Arrays.copyOf(values, size));
    }

    private int find(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key || keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private void append(String key, long value) {
        ensure(size + 1);
        keys[size] = key;
        values[size] = value;
        size++;
    }

    private void ensure(int capacity) {
        if (capacity > keys.length) {
            int grown = Math.max(capacity, keys.length * 2);
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
        }
    }

    /** Insertion sort: a row has a dozen keys or so, and OVS sends them sorted already. */
    private void sortByKey() {
        for (int i = 1; i < size; i++) {
            String key = keys[i];
            long value = values[i];
            int j = i - 1;
            while (j >= 0 && keys[j].compareTo(key) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }
}
