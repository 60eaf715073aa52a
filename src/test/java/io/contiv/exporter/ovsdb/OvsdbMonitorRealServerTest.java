package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.testing.IgnoredHealth;
import io.contiv.exporter.testing.InterfaceRow;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor against a real ovsdb-server 3.1: it takes {@code monitor_cond}, and every kind of change an
 * {@code update2} can carry (counters changed, added and removed, state columns set and cleared, external IDs,
 * rows inserted and deleted) reaches the cached rows as {@code ovs-vsctl} made it.
 */
class OvsdbMonitorRealServerTest {

    private static final SourceReporter IGNORED_HEALTH = IgnoredHealth.REPORTER;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private RealOvsdbServer server;

    @BeforeEach
    void start() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        server = RealOvsdbServer.start();
        server.addBridge("br-h13");
        server.addInterfaces("br-h13", List.of(InterfaceRow.endpoint("vvport1", "ep1", 1),
                InterfaceRow.endpoint("vvport2", "ep2", 2)));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyKindOfChangeReachesTheCacheThroughUpdate2() throws Exception {
        try (OvsdbMonitor monitor = new OvsdbMonitor(OvsdbAddress.parse(server.unixAddress()), Duration.ofSeconds(5),
                OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES, scheduler, Duration.ofHours(1),
                FirstAttempt.alone("ovsdb", Duration.ofSeconds(10)),
                IGNORED_HEALTH)) {
            monitor.start();
            assertThat(monitor.interfaces()).extracting(OvsInterface::name)
                    .containsExactlyInAnyOrder("br-h13", "vvport1", "vvport2");
            assertThat(monitor.notation()).isEqualTo(TableUpdatesReader.Notation.UPDATE2);
            OvsInterface untouched = row(monitor, "vvport2");

            server.setStatistics("vvport1", Map.of("rx_bytes", 1_000_000_007L, "collisions", 3L));
            OvsInterface changed = await(monitor, "vvport1",
                    i -> i.statistics().equals(Map.of("rx_bytes", 1_000_000_007L, "collisions", 3L)));
            assertThat(row(monitor, "vvport2")).isSameAs(untouched);

            server.vsctl("set", "interface", "vvport1", "admin_state=up", "link_state=down", "mtu=1450",
                    "link_resets=4", "ofport=7", "external_ids:attached-mac=02:00:00:00:00:01");
            OvsInterface state = await(monitor, "vvport1", i -> i.state().mtu().isPresent());
            assertThat(state.state()).isEqualTo(new InterfaceState(java.util.Optional.of("up"),
                    java.util.Optional.of("down"), java.util.Optional.of(1450L), java.util.Optional.of(4L),
                    java.util.Optional.of(7L)));
            assertThat(state.externalIds()).containsOnly(Map.entry("endpoint-id", "ep1"),
                    Map.entry("attached-mac", "02:00:00:00:00:01"));
            assertThat(state.statistics()).isSameAs(changed.statistics());

            server.vsctl("clear", "interface", "vvport1", "mtu");
            server.vsctl("remove", "interface", "vvport1", "external_ids", "endpoint-id");
            server.vsctl("remove", "interface", "vvport1", "statistics", "collisions");
            OvsInterface cleared = await(monitor, "vvport1", i -> i.state().mtu().isEmpty()
                    && i.endpointId().isEmpty() && i.statistics().size() == 1);
            assertThat(cleared.statistics()).containsOnly(Map.entry("rx_bytes", 1_000_000_007L));

            server.addInterfaces("br-h13", List.of(InterfaceRow.endpoint("vvport3", "ep3", 3)));
            server.deleteInterface("vvport2");
            awaitRows(monitor, rows -> rows.stream().map(OvsInterface::name).sorted().toList()
                    .equals(List.of("br-h13", "vvport1", "vvport3")));
            assertThat(row(monitor, "vvport3").statistics()).hasSize(InterfaceRow.ENDPOINT_STATISTICS.size());
        }
    }

    private static OvsInterface row(OvsdbMonitor monitor, String name) throws OvsdbException {
        return monitor.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static OvsInterface await(OvsdbMonitor monitor, String name, Predicate<OvsInterface> condition)
            throws Exception {
        awaitRows(monitor, rows -> rows.stream().anyMatch(i -> i.name().equals(name) && condition.test(i)));
        return row(monitor, name);
    }

    private static void awaitRows(OvsdbMonitor monitor, Predicate<List<OvsInterface>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(monitor.interfaces())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the cache never got there: " + monitor.interfaces());
    }
}
