package io.contiv.exporter.simulation.ovsdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;

/**
 * Orders atoms the way ovsdb-server sorts sets and map keys (ovsdb_atom_compare_3way), which is what fixes the
 * order of {@code ["map",[...]]} and {@code ["set",[...]]} on the wire.
 */
final class AtomOrder implements Comparator<Object> {
    static final AtomOrder INSTANCE = new AtomOrder();

    private AtomOrder() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            // strcmp() on UTF-8 bytes; String.compareTo would compare UTF-16 units and differ above U+FFFF.
            return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            // OVS compares the four 32-bit words as unsigned numbers, i.e. the hex text; UUID.compareTo is signed.
            return x.toString().toLowerCase(Locale.ROOT).compareTo(y.toString().toLowerCase(Locale.ROOT));
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot compare atoms " + a + " and " + b);
    }
}
