package io.contiv.exporter.metrics;

/** The upstreams the exporter reads, as they appear in the {@code source} label of the health metrics. */
public enum Source {
    ETCD("etcd"),
    NETMASTER("netmaster"),
    OVSDB("ovsdb"),
    OPENFLOW("openflow");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
