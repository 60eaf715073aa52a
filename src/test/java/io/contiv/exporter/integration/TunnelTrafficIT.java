package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.NetmasterPayloads;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.CloseAll;
import io.contiv.exporter.testing.CommandResult;
import io.contiv.exporter.testing.DeferredRequirement;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.RealVswitch;
import io.contiv.exporter.testing.RealVswitch.Pod;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.VxlanUnderlay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Host-to-host traffic end to end: two real ovs-vswitchd (userspace datapath), each in its own network namespace with
 * its own OVSDB, are two Contiv nodes joined by VXLAN tunnels over a veth underlay (userspace tunnelling, see
 * {@link VxlanUnderlay}); a pod on node A pings a pod on node B. An exporter on each node labels its tunnel with the
 * remote host that netmaster (a stand-in) says owns the remote VTEP. The tunnel counters of both nodes must rise by
 * what was sent, equal what ovs-vsctl shows, and the tunnel's link state must follow its egress interface.
 */
@Tag("live-traffic")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelTrafficIT {

    private static final String BRIDGE = "contivVxlanBridge";
    private static final String TENANT = "tun";
    private static final String NETWORK = "tun-net";
    private static final String HOST_A = "tun-node-a";
    private static final String HOST_B = "tun-node-b";
    private static final int PINGS = 12;
    private static final int PAYLOAD_BYTES = 800;
    /** The inner Ethernet frame: OVS counts a tunnel's traffic before encapsulation. */
    private static final long FRAME_BYTES = RealVswitch.icmpEchoFrameBytes(PAYLOAD_BYTES);
    /** ARP requests and replies may cross the tunnel too while the pods learn each other's addresses. */
    private static final int EXTRA_PACKETS = 4;
    /** Outer Ethernet, IPv4, UDP and VXLAN headers. */
    private static final long VXLAN_OVERHEAD_BYTES = 14 + 20 + 8 + 8;
    private static final Duration STATISTICS_TIMEOUT = RealVswitch.STATISTICS_INTERVAL.multipliedBy(3);
    private static final List<String> COUNTERS = List.of("transmit_bytes", "transmit_packets", "receive_bytes",
            "receive_packets");

    private static RealOvsdbServer ovsdbA;
    private static RealOvsdbServer ovsdbB;
    private static RealVswitch nodeA;
    private static RealVswitch nodeB;
    private static VxlanUnderlay underlay;
    private static String tunnelA;
    private static String tunnelB;
    private static NetmasterStandIn netmaster;
    private static RunningExporter exporterA;
    private static RunningExporter exporterB;
    private static CommandResult ping;
    private static Observation before;
    private static Observation after;
    private static final DeferredRequirement REQUIREMENTS = new DeferredRequirement();

    /** What OVS and both exporters said at one moment when the tunnel statistics stood still. */
    private record Observation(Map<String, Long> ovsA, Map<String, Long> ovsB, Map<String, Double> samplesA,
                               Map<String, Double> samplesB) {
    }

    @BeforeAll
    static void pingFromOneNodeToTheOther() {
        if (!REQUIREMENTS.met(() -> RealVswitch.requireAvailable(Requirements.fromEnvironment()))) {
            return;
        }
        ovsdbA = RealOvsdbServer.start();
        ovsdbB = RealOvsdbServer.start();
        nodeA = RealVswitch.start(ovsdbA, 1);
        nodeB = RealVswitch.start(ovsdbB, 101);
        nodeA.addBridge(BRIDGE);
        nodeB.addBridge(BRIDGE);
        underlay = VxlanUnderlay.join(nodeA, nodeB);
        tunnelA = underlay.addTunnel(nodeA, BRIDGE);
        tunnelB = underlay.addTunnel(nodeB, BRIDGE);
        Pod web = nodeA.addPod(BRIDGE, "web", "e1".repeat(16));
        Pod db = nodeB.addPod(BRIDGE, "db", "d2".repeat(16));

        NetmasterPayloads payloads = new NetmasterPayloads(TENANT, NETWORK, RealVswitch.SUBNET, "10.77.0.254", 4343);
        payloads.endpoint(new NetmasterPayloads.Endpoint(web.endpointId(), "c-web", web.namespace(), HOST_A,
                web.ipAddress(), web.macAddress(), underlay.vtepIp(nodeA), Optional.empty()));
        payloads.endpoint(new NetmasterPayloads.Endpoint(db.endpointId(), "c-db", db.namespace(), HOST_B,
                db.ipAddress(), db.macAddress(), underlay.vtepIp(nodeB), Optional.empty()));
        netmaster = NetmasterStandIn.servingFixedBodies(payloads.bodies());
        exporterA = exporter(nodeA, ovsdbA, HOST_A);
        exporterB = exporter(nodeB, ovsdbB, HOST_B);

        // the pods learn each other's addresses, the switches each other's MACs, and node A the MAC of node B's VTEP
        // (a userspace tunnel drops what it cannot encapsulate yet, and asks for it by ARP)
        CommandResult warmUp = nodeA.ping(web, db, 1, 56);
        for (int attempt = 1; attempt < 10 && !warmUp.succeeded(); attempt++) {
            warmUp = nodeA.ping(web, db, 1, 56);
        }
        warmUp.orThrow();
        // ovs-vswitchd writes statistics every 5 s: after the next write, all of the warm-up is in them
        DeferredRequirement.sleep(RealVswitch.STATISTICS_INTERVAL.plusSeconds(1));
        nodeA.awaitStatistics(tunnelA, s -> s.getOrDefault("tx_packets", 0L) > 0, STATISTICS_TIMEOUT);
        nodeB.awaitStatistics(tunnelB, s -> s.getOrDefault("rx_packets", 0L) > 0, STATISTICS_TIMEOUT);
        before = observeStable();

        ping = nodeA.ping(web, db, PINGS, PAYLOAD_BYTES);
        int replies = replies(ping);
        nodeA.awaitStatistics(tunnelA, s -> s.get("tx_packets") >= before.ovsA().get("tx_packets") + replies
                && s.get("rx_packets") >= before.ovsA().get("rx_packets") + replies, STATISTICS_TIMEOUT);
        nodeB.awaitStatistics(tunnelB, s -> s.get("rx_packets") >= before.ovsB().get("rx_packets") + replies
                && s.get("tx_packets") >= before.ovsB().get("tx_packets") + replies, STATISTICS_TIMEOUT);
        after = observeStable();
    }

    @BeforeEach
    void skipWhenARequirementIsUnmet() {
        REQUIREMENTS.abortIfUnmet();
    }

    @AfterAll
    static void stopEverything() {
        CloseAll.close(exporterA, exporterB, netmaster, nodeA, nodeB, ovsdbA, ovsdbB);
    }

    @Test
    @Order(1)
    void eachNodesTunnelCountersRiseByWhatWentThroughLabelledWithTheRemoteHost() {
        // Each reply web received crossed both tunnels twice: its request A -> B, itself B -> A. A loaded machine
        // may lose a packet in a userspace datapath, so the counts are bounded by the replies and the requests.
        int replies = replies(ping);
        assertThat(ping.stdout()).as(ping.output()).contains(PINGS + " packets transmitted");
        assertThat(replies).as(ping.output()).isGreaterThanOrEqualTo(PINGS / 2);
        System.out.printf("TunnelTrafficIT: %d echo requests, %d replies, of %d B frames; node A %s: transmit %s, "
                        + "receive %s; node B %s: transmit %s, receive %s%n", PINGS, replies, FRAME_BYTES, tunnelA,
                delta(after.samplesA(), before.samplesA(), tunnelA, HOST_B, "transmit"),
                delta(after.samplesA(), before.samplesA(), tunnelA, HOST_B, "receive"), tunnelB,
                delta(after.samplesB(), before.samplesB(), tunnelB, HOST_A, "transmit"),
                delta(after.samplesB(), before.samplesB(), tunnelB, HOST_A, "receive"));
        assertRose(delta(after.samplesA(), before.samplesA(), tunnelA, HOST_B, "receive"), replies);
        assertRose(delta(after.samplesB(), before.samplesB(), tunnelB, HOST_A, "receive"), replies);
        // OVS 3.1's userspace datapath counts a packet it sends through a tunnel twice in tx_*: once as the inner
        // frame, once encapsulated (50 bytes more); the receiving node counts the inner frame once. So the transmit
        // side, exactly what OVS says (checked below), is between what crossed and twice that plus encapsulation
        assertTransmitCoversWhatTheOtherNodeReceived(
                delta(after.samplesA(), before.samplesA(), tunnelA, HOST_B, "transmit"),
                delta(after.samplesB(), before.samplesB(), tunnelB, HOST_A, "receive"));
        assertTransmitCoversWhatTheOtherNodeReceived(
                delta(after.samplesB(), before.samplesB(), tunnelB, HOST_A, "transmit"),
                delta(after.samplesA(), before.samplesA(), tunnelA, HOST_B, "receive"));
    }

    private static void assertTransmitCoversWhatTheOtherNodeReceived(Map<String, Long> transmit,
                                                                   Map<String, Long> receivedThere) {
        assertThat(transmit.get("packets")).isBetween(receivedThere.get("packets"), 2L * (PINGS + EXTRA_PACKETS));
        assertThat(transmit.get("bytes")).isBetween(receivedThere.get("bytes"),
                2 * (PINGS * FRAME_BYTES + EXTRA_PACKETS * 64L) + (PINGS + EXTRA_PACKETS) * VXLAN_OVERHEAD_BYTES);
    }

    @Test
    @Order(2)
    void everyTunnelCounterEqualsWhatOvsVsctlShows() {
        for (Observation observation : List.of(before, after)) {
            assertThat(counters(observation.samplesA(), tunnelA, HOST_B)).isEqualTo(expected(observation.ovsA()));
            assertThat(counters(observation.samplesB(), tunnelB, HOST_A)).isEqualTo(expected(observation.ovsB()));
        }
        assertThat(after.samplesA()).containsEntry("contiv_exporter_source_up{source=\"ovsdb_tunnels\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"vswitchd\"}", 1.0)
                .containsEntry("contiv_exporter_source_up{source=\"openflow_tables\"}", 1.0);
    }

    @Test
    @Order(3)
    void theTunnelIsDownWhileItsEgressInterfaceIsAndUpAgainAfter() {
        String up = series("contiv_tunnel_link_up", tunnelA, HOST_B);
        assertThat(after.samplesA()).containsEntry(up, 1.0);
        underlay.setVtepDevice(nodeA, false);
        try {
            assertThat(awaitSample(exporterA, up, v -> v == 0.0)).isEqualTo(0.0);
        } finally {
            underlay.setVtepDevice(nodeA, true);
        }
        assertThat(awaitSample(exporterA, up, v -> v == 1.0)).isEqualTo(1.0);
        assertThat(ExpositionText.samples(exporterB.get("/metrics").body()))
                .containsEntry(series("contiv_tunnel_link_up", tunnelB, HOST_A), 1.0);
    }

    private static void assertRose(Map<String, Long> delta, int replies) {
        assertThat(delta.get("packets")).isBetween((long) replies, (long) PINGS + EXTRA_PACKETS);
        assertThat(delta.get("bytes")).isBetween(replies * FRAME_BYTES, PINGS * FRAME_BYTES + EXTRA_PACKETS * 64L);
    }

    private static int replies(CommandResult ping) {
        var received = java.util.regex.Pattern.compile("(\\d+) received").matcher(ping.stdout());
        assertThat(received.find()).as(ping.output()).isTrue();
        return Integer.parseInt(received.group(1));
    }

    private static Map<String, Long> delta(Map<String, Double> now, Map<String, Double> then, String tunnel,
                                           String remoteHost, String direction) {
        Map<String, Long> delta = new TreeMap<>();
        for (String what : List.of("bytes", "packets")) {
            String key = series("contiv_tunnel_" + direction + "_" + what + "_total", tunnel, remoteHost);
            assertThat(now).containsKey(key);
            assertThat(then).containsKey(key);
            delta.put(what, (long) (now.get(key) - then.get(key)));
        }
        return delta;
    }

    private static String series(String metric, String tunnel, String remoteHost) {
        String remoteVtep = remoteHost.equals(HOST_B) ? underlay.vtepIp(nodeB) : underlay.vtepIp(nodeA);
        return metric + "{interface=\"" + tunnel + "\",remote_host=\"" + remoteHost + "\",remote_vtep=\""
                + remoteVtep + "\"}";
    }

    /** The exporter's tunnel counters made from OVS statistics, by the OVS key they should come from. */
    private static Map<String, Double> counters(Map<String, Double> samples, String tunnel, String remoteHost) {
        Map<String, Double> counters = new TreeMap<>();
        for (String counter : COUNTERS) {
            Double value = samples.get(series("contiv_tunnel_" + counter + "_total", tunnel, remoteHost));
            if (value != null) {
                counters.put((counter.startsWith("transmit") ? "tx_" : "rx_") + counter.substring(counter.indexOf('_')
                        + 1), value);
            }
        }
        return counters;
    }

    private static Map<String, Double> expected(Map<String, Long> ovs) {
        Map<String, Double> expected = new TreeMap<>();
        ovs.forEach((key, value) -> expected.put(key, value.doubleValue()));
        return expected;
    }

    /**
     * Reads ovs-vsctl on both nodes, scrapes both exporters, reads ovs-vsctl again, until both reads agree and the
     * exporters caught up with them.
     */
    private static Observation observeStable() {
        long deadline = System.nanoTime() + STATISTICS_TIMEOUT.toNanos();
        while (true) {
            Map<String, Long> ovsA = nodeA.statistics(tunnelA);
            Map<String, Long> ovsB = nodeB.statistics(tunnelB);
            Map<String, Double> samplesA = ExpositionText.samples(exporterA.get("/metrics").body());
            Map<String, Double> samplesB = ExpositionText.samples(exporterB.get("/metrics").body());
            boolean stable = ovsA.equals(nodeA.statistics(tunnelA)) && ovsB.equals(nodeB.statistics(tunnelB));
            boolean caughtUp = counters(samplesA, tunnelA, HOST_B).equals(expected(ovsA))
                    && counters(samplesB, tunnelB, HOST_A).equals(expected(ovsB));
            if ((stable && caughtUp) || System.nanoTime() > deadline) {
                return new Observation(ovsA, ovsB, samplesA, samplesB);
            }
            DeferredRequirement.sleep(Duration.ofMillis(200));
        }
    }

    private static double awaitSample(RunningExporter exporter, String series, Predicate<Double> condition) {
        long deadline = System.nanoTime() + STATISTICS_TIMEOUT.toNanos();
        Double value = null;
        while (System.nanoTime() < deadline) {
            value = ExpositionText.samples(exporter.get("/metrics").body()).get(series);
            if (value != null && condition.test(value)) {
                return value;
            }
            DeferredRequirement.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError(series + " did not meet the condition within " + STATISTICS_TIMEOUT
                + "; last value " + value);
    }

    private static RunningExporter exporter(RealVswitch node, RealOvsdbServer ovsdb, String host) {
        return RunningExporter.start("--mode", "netplugin", "--netmaster", netmaster.hostPort(),
                "--ovsdb", ovsdb.tcpAddress(), "--ovs.rundir", node.runDirectory().toString(), "--node.name", host,
                "--ovs.poll-interval", "1s");
    }
}
