package io.contiv.exporter.app;

/**
 * The collectors an exporter may run, each switched with {@code --collector.<name>} / {@code --no-collector.<name>}
 * as node_exporter's are. {@link CollectorSelection} decides which run; the exporter's own health always does.
 */
public enum Collector {
    ENDPOINT("endpoint", Mode.NETPLUGIN, Default.ON,
            "per-endpoint traffic counters and interface state, joined to netmaster's endpoints by endpoint ID"),
    INVENTORY("inventory", Mode.NETMASTER, Default.ON,
            "tenants, networks, endpoint groups, policies and address pools, as netmaster knows them"),
    POLICY("policy", Mode.NETPLUGIN, Default.DETECT,
            "traffic allowed and denied by each Contiv policy rule, read over OpenFlow and joined to the rules in "
                    + "etcd (needs --etcd); detected: a Contiv bridge's management socket in --ovs.rundir"),
    VSWITCHD("vswitchd", Mode.NETPLUGIN, Default.DETECT,
            "ovs-vswitchd's datapath lookups and flows, trouble events and objects, read on its control socket; "
                    + "detected: ovs-vswitchd.pid in --ovs.rundir"),
    TABLES("tables", Mode.NETPLUGIN, Default.DETECT,
            "flows, lookups and matches per OpenFlow table of each Contiv bridge, labelled with the table's role; "
                    + "detected: a Contiv bridge's management socket in --ovs.rundir"),
    TUNNELS("tunnels", Mode.NETPLUGIN, Default.ON,
            "traffic and link state of each VXLAN tunnel, labelled with the remote host, and of the VLAN uplinks"),
    DROPS("drops", Mode.NETPLUGIN, Default.ON,
            "packets dropped on the node by reason, from what the policy, vswitchd and endpoint collectors read");

    /** Whether the collector runs when its flag is not given. */
    enum Default {
        /** Runs; a missing requirement is an error. */
        ON,
        /** Runs when what it reads is found on the node; else it is off, and says why in one log line. */
        DETECT
    }

    private final String flag;
    private final Mode mode;
    private final Default byDefault;
    private final String description;

    Collector(String flag, Mode mode, Default byDefault, String description) {
        this.flag = flag;
        this.mode = mode;
        this.byDefault = byDefault;
        this.description = description;
    }

    /** As in {@code --collector.<flag>}. */
    public String flag() {
        return flag;
    }

    public Mode mode() {
        return mode;
    }

    Default byDefault() {
        return byDefault;
    }

    String description() {
        return description;
    }
}
