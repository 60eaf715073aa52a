package io.contiv.exporter.simulation.ovsdb;

/** Which kinds of change a monitor request wants (RFC 7047 "monitor-select"); all default to true. */
record MonitorSelect(boolean initial, boolean insert, boolean delete, boolean modify) {
    static final MonitorSelect ALL = new MonitorSelect(true, true, true, true);

    MonitorSelect or(MonitorSelect other) {
        return new MonitorSelect(initial || other.initial, insert || other.insert, delete || other.delete,
                modify || other.modify);
    }
}
