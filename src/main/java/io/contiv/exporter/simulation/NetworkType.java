package io.contiv.exporter.simulation;

/** Contiv's {@code nwType}. */
public enum NetworkType {
    DATA("data"),
    INFRA("infra");

    private final String wireName;

    NetworkType(String wireName) {
        this.wireName = wireName;
    }

    /** The value netmaster puts in JSON. */
    public String wireName() {
        return wireName;
    }
}
