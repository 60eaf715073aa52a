package io.contiv.exporter.tables;

import io.contiv.exporter.openflow.OpenFlowClient;
import io.contiv.exporter.openflow.OpenFlowException;
import io.contiv.exporter.openflow.TableStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table statistics of each Contiv bridge, read over its management socket ({@code <rundir>/<bridge>.mgmt}) on a
 * connection of its own. A bridge without a socket is skipped (netplugin creates one of the two bridges, or both);
 * none at all, or a bridge that cannot be read, fails the reading.
 */
public final class BridgeTableStats implements AutoCloseable {

    private final Path runDirectory;
    private final Map<String, OpenFlowClient> clients = new LinkedHashMap<>();

    public BridgeTableStats(Path runDirectory, List<String> bridges, Duration timeout) {
        this.runDirectory = runDirectory;
        for (String bridge : bridges) {
            clients.put(bridge, new OpenFlowClient(runDirectory.resolve(bridge + ".mgmt"), timeout));
        }
    }

    /** Every table of every bridge that has a management socket, by bridge. */
    public synchronized Map<String, List<TableStats>> read() throws OpenFlowException {
        Map<String, List<TableStats>> tables = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, OpenFlowClient> bridge : clients.entrySet()) {
            OpenFlowClient client = bridge.getValue();
            if (!Files.exists(client.socket())) {
                client.close();
                continue;
            }
            try {
                tables.put(bridge.getKey(), client.tableStats());
            } catch (OpenFlowException e) {
                failures.add(bridge.getKey() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new OpenFlowException(String.join("; ", failures));
        }
        if (tables.isEmpty()) {
            throw new OpenFlowException("no management socket of " + String.join(" or ", clients.keySet()) + " in "
                    + runDirectory + " (is ovs-vswitchd running there?)");
        }
        return tables;
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(OpenFlowClient::close);
    }
}
