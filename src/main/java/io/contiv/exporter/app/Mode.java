package io.contiv.exporter.app;

/** Which half of Contiv an exporter instance reports on. */
public enum Mode {
    NETPLUGIN(9004),
    NETMASTER(9005);

    private final int defaultPort;

    Mode(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
