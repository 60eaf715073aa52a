package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/** Which kinds of change a monitor request wants (RFC 7047 "monitor-select"); all default to true. */
record MonitorSelect(boolean initial, boolean insert, boolean delete, boolean modify) {
    static final MonitorSelect ALL = new MonitorSelect(true, true, true, true);

    static MonitorSelect parse(JsonNode json) throws OvsdbException {
        if (json == null) {
            return ALL;
        }
        if (!json.isObject()) {
            throw OvsdbException.syntax(json, "Object expected.");
        }
        return new MonitorSelect(flag(json, "initial"), flag(json, "insert"), flag(json, "delete"),
                flag(json, "modify"));
    }

    private static boolean flag(JsonNode select, String name) throws OvsdbException {
        JsonNode value = select.get(name);
        if (value == null) {
            return true;
        }
        if (!value.isBoolean()) {
            throw OvsdbException.syntax(select, "Type mismatch for member '" + name + "'.");
        }
        return value.asBoolean();
    }

    MonitorSelect or(MonitorSelect other) {
        return new MonitorSelect(initial || other.initial, insert || other.insert, delete || other.delete,
                modify || other.modify);
    }
}
