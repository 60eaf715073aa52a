package io.contiv.exporter.vswitchd;

import java.util.List;

/**
 * The coverage events of ovs-vswitchd exported as {@code contiv_ovs_coverage_events_total{event}}: those that signal
 * trouble an operator can act on. Each is served from the start, at 0 until it happens (coverage/show lists only
 * events that happened), so that a first occurrence is an increase Prometheus sees. Events that count dropped
 * packets are served as drop reasons instead ({@code contiv_dropped_packets_total}).
 */
public final class TroubleEvents {

    /** The events, in the order of docs/metrics; see there for what each means and what to do. */
    public static final List<String> EVENTS = List.of(
            // the datapath is full: new flows stay in the slow path (userspace) until old ones expire
            "upcall_flow_limit_hit",
            // revalidators removed datapath flows because there were more than the flow limit
            "upcall_flow_limit_kill",
            // a netlink socket's receive buffer overflowed: upcalls from the kernel datapath were lost
            "netlink_overflow",
            // packet-ins for a controller dropped because its queue was full
            "packet_in_overflow",
            // OpenFlow messages to a controller (netplugin) dropped because its send queue was full
            "rconn_overflow",
            // OpenFlow messages discarded because the controller was disconnected
            "rconn_discarded",
            // two handler threads received the same upcall
            "handler_duplicate_upcall");

    private TroubleEvents() {
    }
}
