package io.contiv.exporter.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.ovsdb.OvsdbConnection;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads tunnels and uplinks from a real ovsdb-server, laid out as netplugin lays them out: VXLAN ports with
 * options:remote_ip, a single uplink with external_ids:endpoint-id=uplinkPort, a bond port uplinkPort.
 */
class HostLinkReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void readsTunnelsSingleUplinksAndBondMembersAndNothingElse() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start();
             HostLinkReader reader = new HostLinkReader(OvsdbAddress.parse(ovsdb.tcpAddress()), TIMEOUT,
                     OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES)) {
            assertThat(reader.read()).isEmpty();

            ovsdb.addBridge("contivVxlanBridge");
            ovsdb.vsctl("add-port", "contivVxlanBridge", "vxif10001", "--", "set", "Interface", "vxif10001",
                    "type=vxlan", "options:remote_ip=10.0.0.1", "options:key=flow");
            ovsdb.vsctl("add-port", "contivVxlanBridge", "vxif10002", "--", "set", "Interface", "vxif10002",
                    "type=vxlan", "options:remote_ip=10.0.0.2");
            ovsdb.setColumn("vxif10001", "statistics", Map.of("rx_bytes", 10L, "tx_bytes", 20L));
            ovsdb.setColumn("vxif10001", "link_state", "up");
            ovsdb.setColumn("vxif10001", "status", Map.of("tunnel_egress_iface", "eth1",
                    "tunnel_egress_iface_carrier", "up"));
            ovsdb.setColumn("vxif10002", "link_state", "up");
            ovsdb.addInterface("contivVxlanBridge", "vvport1", Map.of("endpoint-id", "abc"), Map.of("rx_bytes", 1L));
            ovsdb.addBridge("contivVlanBridge");
            ovsdb.addInterface("contivVlanBridge", "eth2", Map.of("endpoint-id", "uplinkPort"),
                    Map.of("rx_packets", 7L));
            ovsdb.setColumn("eth2", "link_state", "down");
            ovsdb.vsctl("add-bond", "contivVlanBridge", "uplinkPort", "eth3", "eth4");
            ovsdb.setColumn("eth3", "link_state", "up");
            ovsdb.setColumn("eth4", "statistics", Map.of("tx_dropped", 3L));

            assertThat(reader.read()).containsExactly(
                    new HostLink(HostLink.Kind.TUNNEL, "vxif10001", "vxif10001", "10.0.0.1",
                            Map.of("rx_bytes", 10L, "tx_bytes", 20L), true),
                    // no route to the remote VTEP: no egress interface in its status
                    new HostLink(HostLink.Kind.TUNNEL, "vxif10002", "vxif10002", "10.0.0.2", Map.of(), false),
                    new HostLink(HostLink.Kind.UPLINK, "eth2", "eth2", "", Map.of("rx_packets", 7L), false),
                    new HostLink(HostLink.Kind.UPLINK, "eth3", "uplinkPort", "", Map.of(), true),
                    new HostLink(HostLink.Kind.UPLINK, "eth4", "uplinkPort", "", Map.of("tx_dropped", 3L), false));

            // a deleted tunnel is gone from the next read
            ovsdb.deleteInterface("vxif10002");
            assertThat(reader.read()).extracting(HostLink::name).containsExactly("vxif10001", "eth2", "eth3", "eth4");
        }
    }

    @Test
    void aDeadServerIsAFailureAndTheNextReadConnectsAgain() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start();
             HostLinkReader reader = new HostLinkReader(OvsdbAddress.parse(ovsdb.tcpAddress()), TIMEOUT,
                     OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES)) {
            assertThat(reader.read()).isEmpty();
            ovsdb.stop();
            assertThatThrownBy(reader::read).isInstanceOf(OvsdbException.class);
            ovsdb.restart();
            ovsdb.addBridge("br0");
            ovsdb.vsctl("add-port", "br0", "vxif1", "--", "set", "Interface", "vxif1", "type=vxlan",
                    "options:remote_ip=10.0.0.9");
            assertThat(reader.read()).extracting(HostLink::remoteVtep).isEqualTo(List.of("10.0.0.9"));
        }
    }
}
