package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealOvsdbServerTest {

    private static final String BRIDGE = "contivVlanBridge";
    private static final String ENDPOINT_ID = "89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71";

    private final CommandRunner commands = new CommandRunner(Duration.ofSeconds(30));

    @BeforeEach
    void requireOvs() {
        Requirements requirements = Requirements.fromEnvironment();
        requirements.requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        requirements.requireBinaries("ovsdb-client");
    }

    @Test
    void answersOnLoopbackTcpAndOnItsUnixSocket() {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            assertThat(ovsdb.tcpAddress()).isEqualTo("tcp:127.0.0.1:" + ovsdb.port());
            assertThat(ovsdb.unixAddress()).startsWith("unix:/tmp/").endsWith("/db.sock");

            assertThat(ovsdbClient("list-dbs", ovsdb.tcpAddress())).contains("Open_vSwitch");
            assertThat(ovsdbClient("list-dbs", ovsdb.unixAddress())).contains("Open_vSwitch");
            assertThat(ovsdb.vsctl("get", "Open_vSwitch", ".", "ovs_version").trim()).isEqualTo("[]");
        }
    }

    @Test
    void interfaceWithExternalIdsAndStatisticsReadsBackThroughTcpAndUnixSocket() throws Exception {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            ovsdb.addBridge(BRIDGE);
            ovsdb.addInterface(BRIDGE, "vvport1", Map.of("endpoint-id", ENDPOINT_ID),
                    Map.of("rx_bytes", 674996843L, "tx_packets", 7L));

            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "statistics").trim())
                    .isEqualTo("{rx_bytes=674996843, tx_packets=7}");
            // ovs-vsctl quotes strings that start with a digit.
            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "external_ids:endpoint-id").trim())
                    .isEqualTo("\"" + ENDPOINT_ID + "\"");
            assertThat(ovsdb.vsctl("list-ports", BRIDGE).trim()).isEqualTo("vvport1");

            assertThat(vsctlOverUnixSocket(ovsdb, "get", "interface", "vvport1", "statistics:rx_bytes").trim())
                    .isEqualTo("674996843");
            ObjectMapper mapper = new ObjectMapper();
            JsonNode rows = new OvsdbJsonRpc(ovsdb.unixAddress(), Duration.ofSeconds(10), mapper)
                    .select("Interface", "name", "external_ids", "statistics");
            JsonNode row = StreamSupport.stream(rows.spliterator(), false)
                    .filter(candidate -> candidate.path("name").asText().equals("vvport1"))
                    .findFirst().orElseThrow();
            // Same shape as the reference transact-select-interface-reply.json.
            assertThat(row).isEqualTo(mapper.readTree("{\"external_ids\":[\"map\",[[\"endpoint-id\",\"" + ENDPOINT_ID
                    + "\"]]],\"name\":\"vvport1\",\"statistics\":[\"map\",[[\"rx_bytes\",674996843],[\"tx_packets\",7]]]}"));
        }
    }

    @Test
    void statisticsAndStateColumnsCanBeChanged() {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            ovsdb.addBridge(BRIDGE);
            ovsdb.addInterface(BRIDGE, "vvport2", Map.of("endpoint-id", ENDPOINT_ID), Map.of("rx_bytes", 1L));

            ovsdb.setStatistics("vvport2", Map.of("rx_bytes", 10L, "collisions", 2L));
            ovsdb.setColumn("vvport2", "admin_state", "up");
            ovsdb.setColumn("vvport2", "link_state", "down");
            ovsdb.setColumn("vvport2", "mtu", 1450L);
            ovsdb.setColumn("vvport2", "link_resets", 3L);
            ovsdb.setColumn("vvport2", "ofport", 12L);

            assertThat(ovsdb.vsctl("get", "interface", "vvport2", "statistics").trim())
                    .isEqualTo("{collisions=2, rx_bytes=10}");
            assertThat(ovsdb.vsctl("--format=csv", "--no-headings", "--columns=admin_state,link_state,mtu,link_resets,ofport",
                    "list", "interface", "vvport2").trim()).isEqualTo("up,down,1450,3,12");

            ovsdb.setColumn("vvport2", "link_state", null);
            assertThat(ovsdb.vsctl("get", "interface", "vvport2", "link_state").trim()).isEqualTo("[]");
            assertThatThrownBy(() -> ovsdb.setColumn("no-such-port", "mtu", 1500L))
                    .hasMessageContaining("no Interface named no-such-port");
        }
    }

    @Test
    void deletedInterfaceLeavesTheBridge() {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            ovsdb.addBridge(BRIDGE);
            ovsdb.addInterfaces(BRIDGE, List.of(InterfaceRow.endpoint("vvport1", "a", 1),
                    InterfaceRow.endpoint("vvport2", "b", 2)));

            ovsdb.deleteInterface("vvport1");

            assertThat(ovsdb.vsctl("list-ports", BRIDGE).trim()).isEqualTo("vvport2");
            assertThat(ovsdb.vsctl("--columns=name", "--format=csv", "--no-headings", "list", "interface").lines())
                    .containsExactlyInAnyOrder(BRIDGE, "vvport2");
        }
    }

    @Test
    void bulkInsertOfTwoThousandInterfacesIsOneQuickTransaction() {
        List<InterfaceRow> rows = IntStream.rangeClosed(1, 2000)
                .mapToObj(i -> InterfaceRow.endpoint("vvport" + i, "endpoint-" + i, i))
                .toList();
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            ovsdb.addBridge(BRIDGE);

            long started = System.nanoTime();
            ovsdb.addInterfaces(BRIDGE, rows);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(20));
            assertThat(ovsdb.vsctl("list-ports", BRIDGE).lines()).hasSize(2000);
            JsonNode interfaces = new OvsdbJsonRpc(ovsdb.unixAddress(), Duration.ofSeconds(30), new ObjectMapper())
                    .select("Interface", "name", "external_ids", "statistics");
            List<JsonNode> endpoints = StreamSupport.stream(interfaces.spliterator(), false)
                    .filter(row -> row.path("external_ids").toString().contains("endpoint-id"))
                    .toList();
            assertThat(endpoints).hasSize(2000);
            assertThat(endpoints).allSatisfy(row -> assertThat(row.path("statistics").get(1)).hasSize(9));
            assertThat(ovsdb.vsctl("get", "interface", "vvport1234", "statistics:tx_bytes").trim())
                    .isEqualTo("123405");
        }
    }

    @Test
    void bulkInsertIntoAMissingBridgeFailsAndInsertsNothing() {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            assertThatThrownBy(() -> ovsdb.addInterfaces("noSuchBridge", List.of(InterfaceRow.endpoint("vvport1", "a", 1))))
                    .hasMessageContaining("timed out");
            assertThat(ovsdb.vsctl("--columns=name", "--format=csv", "--no-headings", "list", "interface")).isEmpty();
        }
    }

    @Test
    void restartKeepsPortAndPersistentColumnsButDropsEphemeralOnes() {
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            ovsdb.addBridge(BRIDGE);
            ovsdb.addInterface(BRIDGE, "vvport1", Map.of("endpoint-id", ENDPOINT_ID), Map.of("rx_bytes", 5L));
            ovsdb.setColumn("vvport1", "ofport", 4L);
            ovsdb.setColumn("vvport1", "link_state", "up");
            int port = ovsdb.port();

            ovsdb.stop();
            assertThat(ovsdb.isRunning()).isFalse();
            assertThatThrownBy(() -> ovsdbClient("list-dbs", ovsdb.tcpAddress())).isInstanceOf(IllegalStateException.class);
            ovsdb.restart();

            assertThat(ovsdb.port()).isEqualTo(port);
            // ovs-vsctl quotes strings that start with a digit.
            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "external_ids:endpoint-id").trim())
                    .isEqualTo("\"" + ENDPOINT_ID + "\"");
            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "ofport").trim()).isEqualTo("4");
            // statistics and link_state are "ephemeral" in the schema: never written to conf.db.
            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "statistics").trim()).isEqualTo("{}");
            assertThat(ovsdb.vsctl("get", "interface", "vvport1", "link_state").trim()).isEqualTo("[]");
            assertThat(vsctlOverUnixSocket(ovsdb, "list-ports", BRIDGE).trim()).isEqualTo("vvport1");
        }
    }

    @Test
    void aTakenPortIsReportedAsAPortConflictInsteadOfTalkingToTheOtherProgram() throws Exception {
        try (ServerSocket intruder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> RealOvsdbServer.startOn(Binaries.fromEnvironment(), intruder.getLocalPort()))
                    .isInstanceOfSatisfying(ProcessStartFailedException.class,
                            failure -> assertThat(failure.looksLikePortConflict()).isTrue())
                    .hasMessageContaining("could not listen on 127.0.0.1:" + intruder.getLocalPort());
        }
    }

    private String ovsdbClient(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Binaries.fromEnvironment().require("ovsdb-client").toString(),
                "--timeout=5"));
        command.addAll(List.of(arguments));
        return commands.run(command).orThrow().stdout();
    }

    private String vsctlOverUnixSocket(RealOvsdbServer ovsdb, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Binaries.fromEnvironment().require("ovs-vsctl").toString(),
                "--db=" + ovsdb.unixAddress(), "--no-wait"));
        command.addAll(List.of(arguments));
        return commands.run(command).orThrow().stdout();
    }
}
