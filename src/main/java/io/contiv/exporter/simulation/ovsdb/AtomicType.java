package io.contiv.exporter.simulation.ovsdb;

import java.util.Locale;

/** The five OVSDB atomic types (RFC 7047 section 3.1), named as on the wire. */
public enum AtomicType {
    INTEGER, REAL, BOOLEAN, STRING, UUID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AtomicType fromWireName(String name) {
        for (AtomicType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown OVSDB atomic type " + name);
    }
}
