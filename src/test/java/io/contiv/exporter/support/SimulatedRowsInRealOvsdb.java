package io.contiv.exporter.support;

import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.testing.RealOvsdbServer;

/**
 * Copies the interfaces of a simulated node, with their statistics as of now and the columns the exporter reads,
 * into a real ovsdb-server, so that one exporter can read the same rows from a real server.
 */
public final class SimulatedRowsInRealOvsdb {

    private SimulatedRowsInRealOvsdb() {
    }

    public static void copy(SimulatedNode node, RealOvsdbServer real, String bridge) {
        real.addBridge(bridge);
        for (SimulatedInterface row : node.ovsdb().database().interfaces()) {
            if (row.name().equals(bridge)) {
                continue;
            }
            real.addInterface(bridge, row.name(), row.externalIds(), node.ovsdb().database().statistics(row.name()));
            real.setColumn(row.name(), "admin_state", row.adminState());
            real.setColumn(row.name(), "link_state", row.linkState());
            real.setColumn(row.name(), "mtu", row.mtu());
            real.setColumn(row.name(), "link_resets", row.linkResets());
            real.setColumn(row.name(), "ofport", row.ofport());
            real.setColumn(row.name(), "type", row.type());
            real.setColumn(row.name(), "options", row.options());
            real.setColumn(row.name(), "status", row.status());
        }
    }
}
