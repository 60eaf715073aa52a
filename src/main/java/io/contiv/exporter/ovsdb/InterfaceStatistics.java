package io.contiv.exporter.ovsdb;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An interface's {@code statistics} column as an immutable map held compactly: the key set shared with every
 * interface that reports the same keys, and the counters in a {@code long[]}. A statistics refresh replaces the
 * counters of a row and nothing else.
 */
public final class InterfaceStatistics extends AbstractMap<String, Long> {

    public static final InterfaceStatistics EMPTY = new InterfaceStatistics(StatisticKeys.NONE, new long[0]);

    private final StatisticKeys keys;
    private final long[] values;

    InterfaceStatistics(StatisticKeys keys, long[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The same statistics, held compactly; {@code statistics} itself when it already is. */
    public static InterfaceStatistics copyOf(Map<String, Long> statistics) {
        if (statistics instanceof InterfaceStatistics compact) {
            return compact;
        }
        String[] sorted = statistics.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        long[] values = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            Long value = statistics.get(sorted[i]);
            if (value == null) {
                throw new NullPointerException("statistic " + sorted[i] + " has no value");
            }
            values[i] = value;
        }
        return new InterfaceStatistics(StatisticKeys.of(sorted), values);
    }

    /** Where {@code key} is among these statistics, for {@link #valueAt}; -1 when absent. */
    public int indexOf(String key) {
        return keys.indexOf(key);
    }

    public String keyAt(int index) {
        return keys.key(index);
    }

    public long valueAt(int index) {
        return values[index];
    }

    StatisticKeys keys() {
        return keys;
    }

    /** Whether {@code other} has the same keys (in the same positions), whatever the counters. */
    public boolean sameKeys(InterfaceStatistics other) {
        return keys == other.keys || Arrays.equals(keys.keysArray(), other.keys.keysArray());
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && keys.indexOf(k) >= 0;
    }

    @Override
    public Long get(Object key) {
        int index = key instanceof String k ? keys.indexOf(k) : -1;
        return index < 0 ? null : values[index];
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Long> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys.key(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
