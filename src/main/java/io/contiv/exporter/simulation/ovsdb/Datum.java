package io.contiv.exporter.simulation.ovsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The value of one column in one row (RFC 7047 "datum"): a sorted set of atoms, or a map sorted by key. A scalar
 * column holds a set with one atom; an empty optional column holds an empty set.
 *
 * @param keys   the atoms (sets) or the keys (maps), sorted by {@link AtomOrder}, without duplicates
 * @param values the values of a map, parallel to {@code keys}; null for sets
 */
public record Datum(List<Object> keys, List<Object> values) {

    public Datum {
        keys = List.copyOf(keys);
        values = values == null ? null : List.copyOf(values);
    }

    public static Datum emptySet() {
        return new Datum(List.of(), null);
    }

    public static Datum emptyMap() {
        return new Datum(List.of(), List.of());
    }

    public static Datum atom(Object atom) {
        return new Datum(List.of(atom), null);
    }

    /** A one-atom set for a non-null value, an empty set for null: how an optional column is stored. */
    public static Datum optional(Object atomOrNull) {
        return atomOrNull == null ? emptySet() : atom(atomOrNull);
    }

    public static Datum set(Collection<?> atoms) {
        TreeSet<Object> sorted = new TreeSet<>(AtomOrder.INSTANCE);
        sorted.addAll(atoms);
        return new Datum(new ArrayList<>(sorted), null);
    }

    public static Datum map(Map<?, ?> entries) {
        TreeMap<Object, Object> sorted = new TreeMap<>(AtomOrder.INSTANCE);
        sorted.putAll(entries);
        return new Datum(new ArrayList<>(sorted.keySet()), new ArrayList<>(sorted.values()));
    }

    public boolean isMap() {
        return values != null;
    }

    public int size() {
        return keys.size();
    }

    /** True when every atom (set) or every key/value pair (map) of {@code other} is in this datum. */
    boolean includesAll(Datum other) {
        for (int i = 0; i < other.keys.size(); i++) {
            int at = Collections.binarySearch(keys, other.keys.get(i), AtomOrder.INSTANCE);
            if (at < 0 || (isMap() && !values.get(at).equals(other.values.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** True when no atom (set) or key/value pair (map) of {@code other} is in this datum. */
    boolean excludesAll(Datum other) {
        for (int i = 0; i < other.keys.size(); i++) {
            int at = Collections.binarySearch(keys, other.keys.get(i), AtomOrder.INSTANCE);
            if (at >= 0 && (!isMap() || values.get(at).equals(other.values.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
