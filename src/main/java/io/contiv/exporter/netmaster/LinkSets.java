package io.contiv.exporter.netmaster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Netmaster's {@code link-sets}: for each relation name, a map from object key to link. */
final class LinkSets {

    private LinkSets() {
    }

    /** The size of one link set, or empty when netmaster left it out (it omits empty sets). */
    static OptionalInt size(Map<String, Map<String, Link>> linkSets, String name) {
        Map<String, Link> set = linkSets.get(name);
        return set == null ? OptionalInt.empty() : OptionalInt.of(set.size());
    }

    /** Copies a JSON object map, leaving out the null entries that a sloppy producer might send. */
    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        if (map == null) {
            return Map.of();
        }
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
