package io.contiv.exporter.drops;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.ovsdb.InterfaceState;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.unixctl.DatapathStatus;
import io.contiv.exporter.vswitchd.VswitchdReading;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DropCollectorTest {

    @Test
    void oneFamilyByReasonFromEverySourceThatCanBeRead() {
        AtomicReference<Optional<Map<String, Long>>> denied = new AtomicReference<>(Optional.of(Map.of(
                "t:web:p:r1:inRx", 5L, "t:web:p:r2:outTx", 2L)));
        AtomicReference<List<OvsInterface>> rows = new AtomicReference<>(List.of(
                row("u1", "vvport1", Map.of("rx_dropped", 3L, "tx_dropped", 1L)),
                row("u2", "vxif10002", Map.of("rx_dropped", 4L))));
        DropCollector collector = new DropCollector(List.of(SwitchDrops.policy(denied::get),
                SwitchDrops.interfaces(() -> {
                    List<OvsInterface> now = rows.get();
                    if (now == null) {
                        throw new OvsdbException("OVSDB down");
                    }
                    return now;
                })));
        assertThat(samples(collector)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "contiv_dropped_packets_total{reason=\"policy_deny\"}", 7.0,
                "contiv_dropped_packets_total{reason=\"interface_receive\"}", 7.0,
                "contiv_dropped_packets_total{reason=\"interface_transmit\"}", 1.0));

        // a deleted endpoint and a deleted rule keep counting; a recreated interface starts again on top
        denied.set(Optional.of(Map.of("t:web:p:r1:inRx", 6L)));
        rows.set(List.of(row("u2", "vxif10002", Map.of("rx_dropped", 5L)),
                row("u3", "vvport1", Map.of("rx_dropped", 1L))));
        assertThat(samples(collector)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "contiv_dropped_packets_total{reason=\"policy_deny\"}", 8.0,
                "contiv_dropped_packets_total{reason=\"interface_receive\"}", 9.0,
                "contiv_dropped_packets_total{reason=\"interface_transmit\"}", 1.0));

        // a source that cannot be read leaves its reasons out
        denied.set(Optional.empty());
        rows.set(null);
        assertThat(samples(collector)).isEmpty();
    }

    @Test
    void theDatapathsLostPacketsAndTheSwitchsOwnDropCounters() {
        Map<String, Long> coverage = new HashMap<>(Map.of("drop_action_of_pipeline", 3L,
                "datapath_drop_some_new_reason", 2L, "bridge_reconfigure", 9L));
        Map<String, Long> drops = SwitchDrops.fromVswitchd(new VswitchdReading(List.of(
                new DatapathStatus("netdev@ovs-netdev", 10, 2, 4, 1, OptionalLong.empty(), OptionalLong.empty()),
                new DatapathStatus("system@ovs-system", 10, 2, 1, 1, OptionalLong.empty(), OptionalLong.empty())),
                coverage, Map.of()));
        assertThat(drops).containsEntry("datapath_lost", 5L)
                .containsEntry("drop_action_of_pipeline", 3L)
                .containsEntry("datapath_drop_some_new_reason", 2L)
                .containsEntry("drop_action_congestion", 0L)
                .doesNotContainKey("bridge_reconfigure")
                .hasSize(1 + DropReasons.COVERAGE_EVENTS.size() + 1);
    }

    @Test
    void aMonotonicSumNeverGoesDown() {
        MonotonicSum<String> sum = new MonotonicSum<>();
        assertThat(sum.update(Map.of("a", 5L, "b", 3L))).isEqualTo(8);
        assertThat(sum.update(Map.of("a", 6L))).isEqualTo(9);
        assertThat(sum.update(Map.of("a", 1L))).isEqualTo(10);
        assertThat(sum.update(Map.of())).isEqualTo(10);
        assertThat(sum.update(Map.of("b", 0L))).isEqualTo(10);
    }

    private static Map<String, Double> samples(DropCollector collector) {
        return ExpositionText.samples(ExpositionText.text(collector.publication().families()));
    }

    private static OvsInterface row(String uuid, String name, Map<String, Long> statistics) {
        return new OvsInterface(uuid, name, Map.of(), statistics, InterfaceState.UNKNOWN);
    }
}
