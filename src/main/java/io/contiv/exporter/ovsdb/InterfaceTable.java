package io.contiv.exporter.ovsdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Interface} rows of one monitor, by UUID, changed in place as updates stream in: a changed row is
 * replaced by its new version, the others stay as they are. Not thread-safe: the monitor guards it.
 */
public final class InterfaceTable {

    private final Map<String, OvsInterface> rows = new LinkedHashMap<>();
    private List<OvsInterface> snapshot = List.of();
    private boolean changed;

    public OvsInterface get(String uuid) {
        return rows.get(uuid);
    }

    void put(OvsInterface row) {
        rows.put(row.uuid(), row);
        changed = true;
    }

    void remove(String uuid) {
        if (rows.remove(uuid) != null) {
            changed = true;
        }
    }

    public int size() {
        return rows.size();
    }

    /**
     * The rows as an immutable list, made anew only after a change; the order stays as long as no row is added or
     * removed.
     */
    public List<OvsInterface> rows() {
        if (changed) {
            snapshot = List.copyOf(rows.values());
            changed = false;
        }
        return snapshot;
    }
}
