package io.contiv.exporter.faults;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.simulation.ovsdb.FaultSwitches;
import io.contiv.exporter.support.ExporterProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults in what the OVSDB server sends (the simulated server's switches), hitting the exporter's established
 * monitor connection at its next keep-alive probe and then every reconnection until the fault is switched off.
 */
final class OvsdbReplyFaults implements FaultGroup {

    private static final String NODE = "node1";
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private SimulatedNode node;
    private ExporterProcess exporter;
    private int endpointsOnNode;

    @Override
    public String name() {
        return "OVSDB replies";
    }

    @Override
    public void start() {
        node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
        endpointsOnNode = node.cluster().endpointsOnHost(NODE).size();
        // a shorter timeout than the other fault tests: a reconnection waits 4 timeouts for the monitor's rows
        List<String> options = new ArrayList<>(FaultPhase.fastOptions("500ms"));
        options.addAll(List.of("--mode", "netplugin", "--node.name", NODE, "--etcd", node.etcdEndpoint(),
                "--ovsdb", node.ovsdbAddress(), "--ovsdb.probe-interval", "200ms",
                "--ovsdb.max-message-bytes", Integer.toString(MAX_MESSAGE_BYTES),
                // the tunnels collector reads OVSDB too, as a source of its own (ovsdb_tunnels, HostLinkReaderTest):
                // off, so that each fault here is the monitor's alone, with its one WARN line
                "--no-collector.tunnels"));
        exporter = ExporterProcess.start(options.toArray(String[]::new));
    }

    @Override
    public List<Phase> phases() {
        return List.of(
                new Phase("connection closed in the middle of a reply", this::connectionClosedMidReply),
                new Phase("a reply larger than the limit", this::aReplyLargerThanTheLimit),
                new Phase("a reply that is not JSON", this::aReplyThatIsNotJson),
                new Phase("OVSDB stops answering", this::ovsdbStopsAnswering));
    }

    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private FaultSwitches faults() {
        return node.ovsdb().faults();
    }

    private FaultPhase replyFault(String fault, String logged) {
        return FaultPhase.of(fault, "ovsdb")
                .upWhileFaulty("ovsdb", 0).upWhileFaulty("etcd_endpoints", 1)
                .servedWhileFaulty(s -> s.count("contiv_endpoint_info") == 0
                        && s.count("contiv_exporter_build_info") == 1)
                .recovered(s -> s.count("contiv_endpoint_info") == endpointsOnNode)
                .warns(1, logged)
                .clear(faults()::reset);
    }

    private FaultPhase.Result connectionClosedMidReply() {
        return replyFault("OVSDB closes the connection in the middle of a reply", "in the middle of a message")
                .inject(() -> faults().closeMidReply(true)).run(exporter);
    }

    private FaultPhase.Result aReplyLargerThanTheLimit() {
        return replyFault("OVSDB reply too large (2 MiB, limit 1 MiB)", "larger than " + MAX_MESSAGE_BYTES)
                .inject(() -> faults().padReplies(2 * MAX_MESSAGE_BYTES)).run(exporter);
    }

    private FaultPhase.Result aReplyThatIsNotJson() {
        return replyFault("OVSDB reply not JSON", "not JSON")
                .inject(() -> faults().sendMalformedReplies(true)).run(exporter);
    }

    private FaultPhase.Result ovsdbStopsAnswering() {
        return replyFault("OVSDB stops answering (replies delayed 3 s; timeout 0.5 s)",
                "did not answer echo within 500 ms")
                .inject(() -> faults().delayReplies(Duration.ofSeconds(3)))
                // the other phases show that retries are not logged; a retry here takes 4 timeouts
                .heldUntil(o -> true)
                .run(exporter);
    }
}
