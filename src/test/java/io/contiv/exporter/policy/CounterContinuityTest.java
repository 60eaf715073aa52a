package io.contiv.exporter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.openflow.FlowMatch;
import io.contiv.exporter.openflow.FlowStats;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CounterContinuityTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final CounterContinuity<String> continuity = new CounterContinuity<>(now::get);

    @Test
    void passesCountsThroughWhileTheFlowStaysInstalled() {
        assertThat(continuity.update("r", flow(100, 10, 1000))).isEqualTo(new CounterTotals(10, 1000));
        now.addAndGet(15 * SECOND);
        assertThat(continuity.update("r", flow(115, 25, 2500))).isEqualTo(new CounterTotals(25, 2500));
        assertThat(continuity.reinstalls()).isZero();
    }

    @Test
    void carriesTheOldCountOverAReinstallThatAlreadyPassedIt() {
        continuity.update("r", flow(100, 10, 1000));
        // 60 s later the flow is 30 s old: it was deleted and added again, and has counted 50 packets since
        now.addAndGet(60 * SECOND);
        assertThat(continuity.update("r", flow(30, 50, 5000))).isEqualTo(new CounterTotals(60, 6000));
        now.addAndGet(15 * SECOND);
        assertThat(continuity.update("r", flow(45, 55, 5500))).isEqualTo(new CounterTotals(65, 6500));
        assertThat(continuity.reinstalls()).isEqualTo(1);
    }

    @Test
    void carriesTheOldCountWhenTheCountsDrop() {
        continuity.update("r", flow(100, 10, 1000));
        now.addAndGet(15 * SECOND);
        // same apparent install time, but fewer packets: the counters were reset
        assertThat(continuity.update("r", flow(115, 2, 200))).isEqualTo(new CounterTotals(12, 1200));
    }

    @Test
    void toleratesTheJitterOfMillisecondDurationsAndSlowReads() {
        continuity.update("r", flow(100, 10, 1000));
        now.addAndGet(15 * SECOND + 400_000_000L);
        assertThat(continuity.update("r", flow(115, 12, 1200))).isEqualTo(new CounterTotals(12, 1200));
        assertThat(continuity.reinstalls()).isZero();
    }

    @Test
    void keepsKeysApartAndForgetsThoseItIsToldTo() {
        continuity.update("a", flow(100, 1, 10));
        continuity.update("b", flow(100, 2, 20));
        continuity.retainIf(key -> key.equals("a"));
        assertThat(continuity.last("a")).contains(new CounterTotals(1, 10));
        assertThat(continuity.last("b")).isEmpty();
    }

    private static FlowStats flow(long durationSeconds, long packets, long bytes) {
        return new FlowStats(5, 15, 0, durationSeconds, 0, packets, bytes, FlowMatch.ANY, true);
    }
}
