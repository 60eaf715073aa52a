package io.contiv.exporter.simulation.ovsdb;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A started server over a small Contiv node, for tests; close it after use. */
final class SimulatedSwitch implements AutoCloseable {
    static final long SEED = 42;

    final TrafficClock clock = new TrafficClock();
    final SimulatedOvsdbDatabase database;
    final FaultSwitches faults = new FaultSwitches();
    final SimulatedOvsdbServer server;

    private SimulatedSwitch(long seed, Duration inactivityProbe) throws IOException {
        database = SimulatedOvsdbDatabase.create(clock, seed);
        server = new SimulatedOvsdbServer(database, faults, inactivityProbe);
        server.listen(0);
    }

    /** Endpoints vvport1 (one external id) and vvport2 (two), plus the bridge's own interface. */
    static SimulatedSwitch contivNode() throws IOException {
        return contivNode(SEED, Duration.ofSeconds(5));
    }

    static SimulatedSwitch contivNode(long seed, Duration inactivityProbe) throws IOException {
        SimulatedSwitch node = new SimulatedSwitch(seed, inactivityProbe);
        node.database.addInterface(SimulatedInterface.endpoint("vvport1", "ep-1111", 1, seed));
        node.database.addInterface(SimulatedInterface.endpoint("vvport2", "ep-2222", 2, seed)
                .withExternalId("attached-mac", "02:02:ac:13:00:02"));
        node.database.addInterface(SimulatedInterface.bridgeInternal(SimulatedOvsdbDatabase.DEFAULT_BRIDGE, seed)
                .withMtu(null).withOfport(null).withAdminState(null));
        return node;
    }

    RawJsonRpcClient connect() throws IOException {
        return RawJsonRpcClient.connect(server.port());
    }

    /** The statistics map as ovsdb-server encodes it: keys sorted, {@code ["map",[[k,v],...]]}. */
    String encodedStatistics(String interfaceName) {
        Map<String, Long> sorted = new TreeMap<>(database.statistics(interfaceName));
        return sorted.entrySet().stream()
                .map(e -> "[\"" + e.getKey() + "\"," + e.getValue() + "]")
                .collect(Collectors.joining(",", "[\"map\",[", "]]"));
    }

    @Override
    public void close() {
        server.close();
    }
}
