package io.contiv.exporter.ovsdb;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one interface's statistics, sorted. Interfaces of one kind report the same keys, so one instance per
 * key set is shared by all of them (and by every version of each), and a key's position is found once per family
 * rather than once per interface.
 */
final class StatisticKeys {

    static final StatisticKeys NONE = new StatisticKeys(new String[0]);

    /** Key sets seen; bounded, so that a server sending ever new keys cannot grow it without end. */
    private static final int MAX_INTERNED = 256;
    private static final ConcurrentHashMap<List<String>, StatisticKeys> INTERNED = new ConcurrentHashMap<>();

    private final String[] keys;

    private StatisticKeys(String[] keys) {
        this.keys = keys;
    }

    /** The shared instance for these keys, which must be sorted and distinct. */
    static StatisticKeys of(String[] sortedKeys) {
        if (sortedKeys.length == 0) {
            return NONE;
        }
        List<String> key = Arrays.asList(sortedKeys);
        StatisticKeys known = INTERNED.get(key);
        if (known != null) {
            return known;
        }
        StatisticKeys fresh = new StatisticKeys(sortedKeys.clone());
        if (INTERNED.size() < MAX_INTERNED) {
            StatisticKeys raced = INTERNED.putIfAbsent(List.of(fresh.keys), fresh);
            return raced != null ? raced : fresh;
        }
        return fresh;
    }

    int size() {
        return keys.length;
    }

    String key(int index) {
        return keys[index];
    }

    /** The keys themselves, not to be changed. */
    String[] keysArray() {
        return keys;
    }

    /** Where {@code key} is, or -1. */
    int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        int found = Arrays.binarySearch(keys, key);
        return found >= 0 ? found : -1;
    }
}
