package io.contiv.exporter.tables;

import java.util.Map;

/**
 * The OpenFlow tables of Contiv's bridges and their role in its pipeline, as netplugin's ofnet numbers them
 * ({@code ofnetAgent.go}); docs/pipeline.md describes each. A packet of a VXLAN or VLAN bridge in bridge mode goes
 * 0 → 1 → 3 → 4 → 5 → 6 → 9; the routing modes use 7 instead of 9, and 2 and 8 for host access.
 */
public final class ContivPipeline {

    private static final Map<Integer, String> NAMES = Map.of(
            0, "input",
            1, "vlan",
            2, "host_dnat",
            3, "service_dnat",
            4, "dst_group",
            5, "policy",
            6, "service_snat",
            7, "ip",
            8, "host_snat",
            9, "mac_dest");

    private ContivPipeline() {
    }

    /** True for the tables Contiv uses, which are exported even while empty. */
    public static boolean isContivTable(int tableId) {
        return NAMES.containsKey(tableId);
    }

    /** The table's role, or "" for a table Contiv does not use. */
    public static String name(int tableId) {
        return NAMES.getOrDefault(tableId, "");
    }
}
