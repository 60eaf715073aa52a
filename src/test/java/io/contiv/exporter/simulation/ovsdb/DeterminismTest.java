package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final String SELECT_ALL = "{\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
            + "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[]},"
            + "{\"op\":\"select\",\"table\":\"Port\",\"where\":[]},"
            + "{\"op\":\"select\",\"table\":\"Bridge\",\"where\":[]}],\"id\":1}";

    @Test
    void sameSeedAndSameStepsGiveByteIdenticalReplies() throws IOException {
        assertThat(selectAllAfterSomeActivity(7)).isEqualTo(selectAllAfterSomeActivity(7));
    }

    @Test
    void differentSeedsGiveDifferentTrafficAndUuids() throws IOException {
        assertThat(selectAllAfterSomeActivity(7)).isNotEqualTo(selectAllAfterSomeActivity(8));
    }

    @Test
    void interfacesOfOneSeedHaveDifferentRates() {
        TrafficProfile first = TrafficProfile.random(7, "vvport1");
        TrafficProfile second = TrafficProfile.random(7, "vvport2");

        assertThat(first).isEqualTo(TrafficProfile.random(7, "vvport1"));
        assertThat(first.rxBytesPerSecond()).isNotEqualTo(second.rxBytesPerSecond());
        assertThat(first.rxBytesPerSecond()).isNotEqualTo(first.txBytesPerSecond());
    }

    @Test
    void countersRiseEveryTickAndDropsAndErrorsShowUpOccasionally() {
        TrafficProfile profile = new TrafficProfile(10_000, 20, 5_000, 10, 10, 0, 25, 0, 99);
        Map<String, Long> previous = profile.statisticsAt(0, 5);
        assertThat(previous.values()).containsOnly(0L);
        assertThat(previous.keySet()).containsExactlyElementsOf(TrafficProfile.STATISTICS_KEYS);

        for (long tick = 1; tick <= 100; tick++) {
            Map<String, Long> current = profile.statisticsAt(tick, 5);
            for (String counter : new String[] {"rx_bytes", "rx_packets", "tx_bytes", "tx_packets"}) {
                assertThat(current.get(counter)).as(counter + " at " + tick).isGreaterThan(previous.get(counter));
            }
            for (String counter : TrafficProfile.STATISTICS_KEYS) {
                assertThat(current.get(counter)).as(counter).isGreaterThanOrEqualTo(previous.get(counter));
            }
            previous = current;
        }
        assertThat(previous.get("rx_bytes")).isBetween(100 * 50_000L, 100 * 50_000L + 25_000L);
        assertThat(previous.get("rx_dropped")).isPositive();
        assertThat(previous.get("rx_errors")).isPositive();
        assertThat(previous.get("tx_dropped")).isZero();
        assertThat(previous.get("collisions")).isZero();
    }

    private static String selectAllAfterSomeActivity(long seed) throws IOException {
        try (SimulatedSwitch node = SimulatedSwitch.contivNode(seed, java.time.Duration.ofSeconds(5));
             RawJsonRpcClient client = node.connect()) {
            node.clock.advance(4);
            node.database.removeInterface("vvport2");
            node.database.addInterface(SimulatedInterface.endpoint("vvport2", "ep-2222b", 2, seed));
            node.clock.advance(2);
            node.database.updateInterface("vvport1", iface -> iface.withLinkState("down").withLinkResets(1L));
            return client.call(SELECT_ALL);
        }
    }
}
