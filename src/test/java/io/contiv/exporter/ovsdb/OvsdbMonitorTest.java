package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.simulation.ovsdb.FaultSwitches;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbServer;
import io.contiv.exporter.simulation.ovsdb.TrafficClock;
import io.contiv.exporter.testing.IgnoredHealth;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor cache against the simulated OVSDB server, whose inactivity probe and updates behave like the real one. */
class OvsdbMonitorTest {

    private static final SourceReporter IGNORED_HEALTH = IgnoredHealth.REPORTER;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final TrafficClock clock = new TrafficClock(5);
    private final SimulatedOvsdbDatabase database = SimulatedOvsdbDatabase.create(clock, 3);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private OvsdbMonitor monitor(SimulatedOvsdbServer server) {
        return new OvsdbMonitor(OvsdbAddress.parse("tcp:127.0.0.1:" + server.port()), Duration.ofSeconds(2),
                OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES, scheduler, Duration.ofHours(1),
                FirstAttempt.alone("ovsdb", Duration.ofSeconds(2)), IGNORED_HEALTH);
    }

    @Test
    void answeringTheServersEchoKeepsTheSessionAlive() throws Exception {
        database.addInterface(SimulatedInterface.endpoint("vvport1", "ep1", 1, 3));
        SimulatedOvsdbServer server = new SimulatedOvsdbServer(database, new FaultSwitches(), Duration.ofMillis(150));
        server.listen(0);
        try (server; OvsdbMonitor monitor = monitor(server)) {
            monitor.start();
            assertThat(monitor.interfaces()).extracting(OvsInterface::name).containsExactly("vvport1");

            long version = monitor.version();
            // several probe periods with nothing else said: only echo replies keep the server from hanging up,
            // and a hang-up would show as a cleared and resynchronised cache, each bumping the version
            Thread.sleep(1500);

            assertThat(monitor.version()).isEqualTo(version);
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(monitor.interfaces()).hasSize(1);
        }
    }

    @Test
    void updatesReachTheCacheAndADroppedConnectionResyncs() throws Exception {
        database.addInterface(SimulatedInterface.endpoint("vvport1", "ep1", 1, 3));
        try (SimulatedOvsdbServer server = SimulatedOvsdbServer.start(database);
             OvsdbMonitor monitor = monitor(server)) {
            monitor.start();
            long before = monitor.interfaces().get(0).statistics().get("rx_bytes");
            // the simulated server knows RFC 7047's monitor only: the monitor falls back to it
            assertThat(monitor.notation()).isEqualTo(TableUpdatesReader.Notation.UPDATE);

            clock.advance(1);
            long expected = database.statistics("vvport1").get("rx_bytes");
            assertThat(expected).isGreaterThan(before);
            awaitValue(monitor, "vvport1", expected);

            server.dropConnections();
            database.addInterface(SimulatedInterface.endpoint("vvport2", "ep2", 2, 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            List<OvsInterface> rows = List.of();
            while (System.nanoTime() < deadline) {
                try {
                    rows = monitor.interfaces();
                    if (rows.size() == 2) {
                        break;
                    }
                } catch (OvsdbException reconnecting) {
                    // between the drop and the resync
                }
                Thread.sleep(50);
            }
            assertThat(rows).extracting(OvsInterface::name).containsExactlyInAnyOrder("vvport1", "vvport2");
        }
    }

    private static void awaitValue(OvsdbMonitor monitor, String name, long rxBytes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (monitor.interfaces().stream().anyMatch(i -> i.name().equals(name)
                    && i.statistics().get("rx_bytes") == rxBytes)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never showed rx_bytes " + rxBytes);
    }
}
