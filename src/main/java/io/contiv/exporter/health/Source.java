package io.contiv.exporter.health;

/**
 * Every read the exporter depends on, as it appears in the {@code source} label of the health metrics. Each watch
 * and each lookup has its own value, so that a dead watch cannot hide behind a healthy lookup on the same server.
 */
public enum Source {
    /** Where netmaster is: the leader key in etcd. */
    ETCD("etcd"),
    /** The watch of netmaster's endpoint state in etcd (netplugin mode, endpoint metadata from etcd). */
    ETCD_ENDPOINTS("etcd_endpoints"),
    /** The watch of the directional policy rules in etcd (netplugin mode, policy collector). */
    ETCD_POLICY_RULES("etcd_policy_rules"),
    NETMASTER("netmaster"),
    OVSDB("ovsdb"),
    OPENFLOW("openflow"),
    /** ovs-vswitchd's control socket (netplugin mode, vswitchd collector). */
    VSWITCHD("vswitchd"),
    /** The table statistics of the Contiv bridges over OpenFlow (netplugin mode, tables collector). */
    OPENFLOW_TABLES("openflow_tables"),
    /** The read of the node's tunnels and uplinks from OVSDB (netplugin mode, tunnels collector). */
    OVSDB_TUNNELS("ovsdb_tunnels");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
