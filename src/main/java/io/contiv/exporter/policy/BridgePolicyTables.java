package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;
import io.contiv.exporter.openflow.OpenFlowClient;
import io.contiv.exporter.openflow.OpenFlowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy tables of the Contiv bridges, read over each bridge's management socket in the OVS run directory.
 * A bridge that never had a socket is not there (netplugin did not create it); when no bridge has one, that is a
 * failure. A bridge whose socket disappears after it was read is a failure too, not an absence: ovs-vswitchd removes
 * its sockets while it restarts, and the bridge's counters must hold still meanwhile rather than drop out of the
 * sums. Each bridge's read is bounded by the timeout, so a scrape never hangs on the switch.
 */
public final class BridgePolicyTables implements PolicyTableReader, AutoCloseable {

    public static final List<String> CONTIV_BRIDGES = List.of("contivVxlanBridge", "contivVlanBridge");

    private final Path runDirectory;
    private final List<String> bridges;
    private final Map<String, OpenFlowClient> clients = new LinkedHashMap<>();
    private final Set<String> readBefore = new HashSet<>();

    public BridgePolicyTables(Path runDirectory, List<String> bridges, Duration timeout) {
        this.runDirectory = runDirectory;
        this.bridges = List.copyOf(bridges);
        for (String bridge : bridges) {
            clients.put(bridge, new OpenFlowClient(managementSocket(runDirectory, bridge), timeout));
        }
    }

    /** Where OVS listens for extra OpenFlow connections to the bridge: {@code <rundir>/<bridge>.mgmt}. */
    public static Path managementSocket(Path runDirectory, String bridge) {
        return runDirectory.resolve(bridge + ".mgmt");
    }

    /** True when at least one Contiv bridge has a management socket in the directory. */
    public static boolean anyManagementSocket(Path runDirectory) {
        return CONTIV_BRIDGES.stream().anyMatch(bridge -> Files.exists(managementSocket(runDirectory, bridge)));
    }

    @Override
    public synchronized Reading read() {
        Map<String, List<FlowStats>> tables = new LinkedHashMap<>();
        Map<String, Exception> failures = new LinkedHashMap<>();
        for (Map.Entry<String, OpenFlowClient> bridge : clients.entrySet()) {
            OpenFlowClient client = bridge.getValue();
            if (!Files.exists(client.socket())) {
                client.close();
                if (readBefore.contains(bridge.getKey())) {
                    failures.put(bridge.getKey(), new OpenFlowException(client.socket()
                            + " is gone (ovs-vswitchd restarting, or the bridge was deleted)"));
                }
                continue;
            }
            try {
                tables.put(bridge.getKey(), client.flowStats(ExpectedFlow.POLICY_TABLE));
                readBefore.add(bridge.getKey());
            } catch (OpenFlowException e) {
                failures.put(bridge.getKey(), e);
            }
        }
        if (tables.isEmpty() && failures.isEmpty()) {
            failures.put(String.join(",", bridges), new OpenFlowException("no management socket of "
                    + String.join(" or ", bridges) + " in " + runDirectory + " (is ovs-vswitchd running there?)"));
        }
        return new Reading(tables, failures);
    }

    @Override
    public void close() {
        clients.values().forEach(OpenFlowClient::close);
    }
}
