package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

    @Test
    void closeStopsEveryThreadItStarted() throws IOException, InterruptedException {
        SimulatedSwitch node = SimulatedSwitch.contivNode(SimulatedSwitch.SEED, Duration.ofMillis(100));
        RawJsonRpcClient idle = node.connect();
        RawJsonRpcClient monitoring = node.connect();
        monitoring.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",1,{\"Interface\":{}}],\"id\":1}");
        node.faults.delayReplies(Duration.ofSeconds(30));
        monitoring.send("{\"method\":\"list_dbs\",\"params\":[],\"id\":2}"); // a writer asleep in a slow reply
        node.clock.advance(1);
        assertThat(simulatorThreads()).isNotEmpty();

        node.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!simulatorThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(simulatorThreads()).isEmpty();
        assertThat(idle.closedByServerWithin(Duration.ofSeconds(1))).isTrue();
        idle.close();
        monitoring.close();
    }

    @Test
    void realTimeTickerAdvancesTheClockUntilClosed() throws InterruptedException {
        TrafficClock clock = new TrafficClock();
        try (RealTimeTicker ticker = RealTimeTicker.start(clock, Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (clock.ticks() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        long stoppedAt = clock.ticks();
        assertThat(stoppedAt).isGreaterThanOrEqualTo(3);
        Thread.sleep(60);
        assertThat(clock.ticks()).isEqualTo(stoppedAt);
    }

    private static List<String> simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(NamedThreads.PREFIX))
                .toList();
    }
}
