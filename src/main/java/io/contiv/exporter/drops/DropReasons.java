package io.contiv.exporter.drops;

import java.util.List;

/**
 * The reasons of {@code contiv_dropped_packets_total}: where on this node the switch dropped packets. The reasons
 * overlap, they do not partition the drops: a packet a policy rule denies is also counted by the datapath's
 * {@code drop_action_of_pipeline} (the userspace datapath) and may be by an interface. docs/metrics.md has the table.
 */
public final class DropReasons {

    /** Packets that hit the flow of a deny rule in Contiv's policy table (OpenFlow). */
    public static final String POLICY_DENY = "policy_deny";
    /** Packets the datapath lost on their way up to ovs-vswitchd: the upcall queue was full (dpctl/show). */
    public static final String DATAPATH_LOST = "datapath_lost";
    /** Packets dropped as they arrived at the switch from any port: OVS rx_dropped of every interface. */
    public static final String INTERFACE_RECEIVE = "interface_receive";
    /** Packets dropped as the switch sent them out of any port: OVS tx_dropped of every interface. */
    public static final String INTERFACE_TRANSMIT = "interface_transmit";

    /**
     * ovs-vswitchd's coverage events that count dropped packets with the reason in their name (Open vSwitch 2.13 and
     * later), served from the start at 0; another event of the same families is served once it happens.
     */
    public static final List<String> COVERAGE_EVENTS = List.of(
            "datapath_drop_upcall_error", "datapath_drop_lock_error", "datapath_drop_rx_invalid_packet",
            "datapath_drop_meter", "datapath_drop_userspace_action_error", "datapath_drop_tunnel_push_error",
            "datapath_drop_tunnel_pop_error", "datapath_drop_recirc_error", "datapath_drop_invalid_port",
            "datapath_drop_invalid_bond", "datapath_drop_invalid_tnl_port", "datapath_drop_sample_error",
            "datapath_drop_nsh_decap_error",
            "drop_action_of_pipeline", "drop_action_bridge_not_found", "drop_action_recursion_too_deep",
            "drop_action_too_many_resubmit", "drop_action_stack_too_deep", "drop_action_no_recirculation_context",
            "drop_action_recirculation_conflict", "drop_action_too_many_mpls_labels",
            "drop_action_invalid_tunnel_metadata", "drop_action_unsupported_packet_type", "drop_action_congestion",
            "drop_action_forwarding_disabled",
            "netdev_send_prepare_drops", "netdev_push_header_drops");

    private DropReasons() {
    }

    /** True for a coverage event that counts dropped packets. */
    public static boolean isDropEvent(String event) {
        return event.startsWith("datapath_drop_") || event.startsWith("drop_action_")
                || (event.startsWith("netdev_") && event.endsWith("_drops"));
    }
}
