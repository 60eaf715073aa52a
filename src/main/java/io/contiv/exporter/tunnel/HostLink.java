package io.contiv.exporter.tunnel;

import java.util.Map;

/**
 * A link from this node to the others: a tunnel port (VXLAN mode; netplugin names it {@code vxif<remote IP without
 * dots>} and sets {@code options:remote_ip}), or an uplink (VLAN mode: the physical interface netplugin added to
 * {@code contivVlanBridge}, or each member of its bond {@code uplinkPort}). Statistics are OVS's, from the switch's
 * side, which for these ports is also the node's: tx left the node, rx arrived.
 *
 * @param remoteVtep the tunnel's remote IP; "" for an uplink
 * @param port       the OVS port holding the interface (the bond, for a bond member)
 * @param up         a tunnel: OVS reports its link up and a route to the remote VTEP through an egress interface whose
 *                   carrier is up; an uplink: its link is up
 */
public record HostLink(Kind kind, String name, String port, String remoteVtep, Map<String, Long> statistics,
                       boolean up) {

    /** What the link is. */
    public enum Kind { TUNNEL, UPLINK }

    public HostLink {
        statistics = Map.copyOf(statistics);
    }
}
