package io.contiv.exporter.testing;

import java.time.Duration;
import java.util.List;

/**
 * Two {@link RealVswitch}es joined the way two Contiv nodes are in VXLAN mode, with userspace tunnelling: a veth pair
 * between the two switches' namespaces is the underlay; on each switch a bridge {@value #UNDERLAY_BRIDGE} holds its
 * end, the node's VTEP address is on that bridge's own tap device, and ovs-vswitchd's own routing table sends the
 * underlay subnet there ({@code ovs-appctl ovs/route/add}). Tunnel ports are added as netplugin adds them: an
 * interface {@code vxif<remote address without dots>} of type {@code vxlan} with {@code options:remote_ip} and
 * {@code options:key=flow}. Everything lives in the switches' namespaces and goes with them.
 */
public final class VxlanUnderlay {

    public static final String UNDERLAY_BRIDGE = "br-phy";
    private static final String UNDERLAY_LINK = "underlay0";
    private static final String SUBNET = "10.79.0.0/24";
    private static final int PREFIX_LENGTH = 24;
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(10);

    private final RealVswitch first;
    private final RealVswitch second;

    private VxlanUnderlay(RealVswitch first, RealVswitch second) {
        this.first = first;
        this.second = second;
    }

    /** Joins the two switches: {@code first}'s VTEP is 10.79.0.1, {@code second}'s 10.79.0.2. */
    public static VxlanUnderlay join(RealVswitch first, RealVswitch second) {
        CommandRunner commands = new CommandRunner(Duration.ofSeconds(30));
        String ip = Binaries.fromEnvironment().require("ip").toString();
        commands.run(List.of(ip, "link", "add", "name", UNDERLAY_LINK, "netns", first.switchNamespace(), "type",
                "veth", "peer", "name", UNDERLAY_LINK, "netns", second.switchNamespace())).orThrow();
        VxlanUnderlay underlay = new VxlanUnderlay(first, second);
        underlay.setUp(first);
        underlay.setUp(second);
        return underlay;
    }

    /** The switch's VTEP address: what netmaster records as the vtepIP of its endpoints. */
    public String vtepIp(RealVswitch vswitch) {
        return vswitch == first ? "10.79.0.1" : "10.79.0.2";
    }

    /** Adds to {@code bridge} of {@code from} the tunnel to the other switch; returns the interface's name. */
    public String addTunnel(RealVswitch from, String bridge) {
        String remote = vtepIp(from == first ? second : first);
        String name = tunnelName(remote);
        from.vsctl("add-port", bridge, name, "--", "set", "Interface", name, "type=vxlan",
                "options:remote_ip=" + remote, "options:key=flow");
        return name;
    }

    /** As netplugin names the tunnel to a VTEP. */
    public static String tunnelName(String remoteVtep) {
        return "vxif" + remoteVtep.replace(".", "");
    }

    /**
     * Sets the device holding the switch's VTEP address down or up: while down, the kernel drops the route to the
     * underlay, and the switch's tunnels have no egress interface (their {@code link_state} stays "up": OVS reports
     * the loss in the {@code status} column).
     */
    public void setVtepDevice(RealVswitch vswitch, boolean up) {
        run(vswitch, "ip", "link", "set", UNDERLAY_BRIDGE, up ? "up" : "down");
    }

    private void setUp(RealVswitch vswitch) {
        vswitch.vsctl("add-br", UNDERLAY_BRIDGE, "--", "set", "Bridge", UNDERLAY_BRIDGE, "datapath_type=netdev",
                "--", "add-port", UNDERLAY_BRIDGE, UNDERLAY_LINK);
        run(vswitch, "ip", "link", "set", UNDERLAY_LINK, "up");
        run(vswitch, "ip", "address", "add", vtepIp(vswitch) + "/" + PREFIX_LENGTH, "dev", UNDERLAY_BRIDGE);
        run(vswitch, "ip", "link", "set", UNDERLAY_BRIDGE, "up");
        vswitch.appctl("ovs/route/add", SUBNET, UNDERLAY_BRIDGE);
        long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
        while (!vswitch.appctl("ovs/route/show").contains(SUBNET)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ovs-vswitchd has no route to " + SUBNET + ": "
                        + vswitch.appctl("ovs/route/show"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void run(RealVswitch vswitch, String... command) {
        String[] full = command.clone();
        full[0] = Binaries.fromEnvironment().require(command[0]).toString();
        vswitch.runInSwitchNamespace(full).orThrow();
    }
}
