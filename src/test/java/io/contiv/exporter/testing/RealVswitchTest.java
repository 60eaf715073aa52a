package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.testing.RealVswitch.Pod;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealVswitchTest {

    private static final String BRIDGE = "contivVxlanBridge";

    @Test
    void switchesPacketsBetweenPodsAndLeavesNothingBehind() {
        RealVswitch.requireAvailable(Requirements.fromEnvironment());
        CommandRunner commands = new CommandRunner(java.time.Duration.ofSeconds(10));
        String ip = Binaries.fromEnvironment().require("ip").toString();
        String switchNamespace;
        List<Pod> pods;
        long pid;
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start(); RealVswitch vswitch = RealVswitch.start(ovsdb)) {
            vswitch.addBridge(BRIDGE);
            Pod a = vswitch.addPod(BRIDGE, "a", "endpoint-a");
            Pod b = vswitch.addPod(BRIDGE, "b",
                    Map.of("endpoint-id", "endpoint-b", "quote\"d key", "a value, with=signs"));
            switchNamespace = vswitch.switchNamespace();
            pods = vswitch.pods();
            pid = vswitch.pid();

            assertThat(a.ipAddress()).isEqualTo("10.77.0.1");
            assertThat(b.macAddress()).isEqualTo("02:00:0a:4d:00:02");
            assertThat(a.interfaceName()).isEqualTo("vvport1");
            assertThat(a.ofport()).isPositive();
            assertThat(ovsdb.vsctl("get", "Interface", "vvport2", "external_ids").trim())
                    .isEqualTo("{endpoint-id=endpoint-b, \"quote\\\"d key\"=\"a value, with=signs\"}");
            assertThat(ovsdb.vsctl("get", "Bridge", BRIDGE, "datapath_type").trim()).isEqualTo("netdev");

            CommandResult ping = vswitch.ping(a, b, 3, 100);
            assertThat(ping.exitCode()).as(ping.output()).isZero();
            assertThat(ping.stdout()).contains("3 packets transmitted, 3 received");
            assertThat(vswitch.runInPod(b, "ip", "-o", "link", "show", "eth0").stdout())
                    .contains("02:00:0a:4d:00:02");

            vswitch.sysctl(b, "net.ipv4.icmp_echo_ignore_all=1");
            assertThat(vswitch.ping(a, b, 2, 100).exitCode()).isEqualTo(1);

            // the OpenFlow management socket answers, in the run directory we chose
            assertThat(vswitch.mgmtSocket(BRIDGE)).startsWith(vswitch.runDirectory());
            assertThat(vswitch.ofctl("-O", "OpenFlow13", "dump-flows", vswitch.mgmtTarget(BRIDGE)))
                    .contains("actions=NORMAL");
            assertThat(vswitch.appctl("version")).contains("Open vSwitch");
            // the taps of the userspace datapath stay in the switch's namespace
            assertThat(vswitch.runInSwitchNamespace("ip", "-o", "link").stdout())
                    .contains("ovs-netdev", "vvport1", "vvport2");
            assertThat(commands.run(List.of(ip, "-o", "link")).stdout()).doesNotContain("vvport1@");

            assertThatThrownBy(() -> vswitch.addPod(BRIDGE, "a", "again")).hasMessageContaining("exists");
            assertThatThrownBy(() -> vswitch.addPod(BRIDGE, "Bad Name", "x")).hasMessageContaining("pod name");
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        String namespaces = commands.run(List.of(ip, "netns", "list")).orThrow().stdout();
        assertThat(namespaces).doesNotContain(switchNamespace);
        pods.forEach(pod -> assertThat(namespaces).doesNotContain(pod.namespace()));
        assertThat(Files.exists(java.nio.file.Path.of("/var/run/openvswitch", BRIDGE + ".mgmt"))).isFalse();
    }

    @Test
    void parsesStatisticsAsOvsVsctlPrintsThem() {
        assertThat(RealVswitch.parseStatistics("{}\n")).isEmpty();
        assertThat(RealVswitch.parseStatistics("{collisions=0, rx_bytes=20882, tx_packets=1}\n"))
                .containsExactly(Map.entry("collisions", 0L), Map.entry("rx_bytes", 20882L),
                        Map.entry("tx_packets", 1L));
        assertThat(RealVswitch.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(RealVswitch.macAddressOf("10.77.0.254")).isEqualTo("02:00:0a:4d:00:fe");
        assertThat(RealVswitch.icmpEchoFrameBytes(1000)).isEqualTo(1042);
    }
}
