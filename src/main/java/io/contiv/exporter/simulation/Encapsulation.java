package io.contiv.exporter.simulation;

/** Contiv's {@code encap}. */
public enum Encapsulation {
    VXLAN("vxlan"),
    VLAN("vlan");

    private final String wireName;

    Encapsulation(String wireName) {
        this.wireName = wireName;
    }

    /** The value netmaster puts in JSON. */
    public String wireName() {
        return wireName;
    }
}
