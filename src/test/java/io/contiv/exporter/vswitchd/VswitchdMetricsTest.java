package io.contiv.exporter.vswitchd;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.unixctl.DatapathStatus;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VswitchdMetricsTest {

    @Test
    void datapathsTroubleEventsAtZeroUntilHitAndObjects() {
        VswitchdReading reading = new VswitchdReading(List.of(
                new DatapathStatus("system@ovs-system", 100, 20, 3, 7, OptionalLong.of(150), OptionalLong.of(4))),
                Map.of("upcall_flow_limit_hit", 12L, "bridge_reconfigure", 2L),
                Map.of("rules", 15L, "udpif_keys", 5L));
        Map<String, Double> samples = ExpositionText.samples(ExpositionText.text(VswitchdMetrics.snapshots(reading)));
        assertThat(samples)
                .containsEntry("contiv_ovs_datapath_lookups_total{datapath=\"system@ovs-system\",result=\"hit\"}", 100.0)
                .containsEntry("contiv_ovs_datapath_lookups_total{datapath=\"system@ovs-system\",result=\"missed\"}",
                        20.0)
                .containsEntry("contiv_ovs_datapath_lookups_total{datapath=\"system@ovs-system\",result=\"lost\"}", 3.0)
                .containsEntry("contiv_ovs_datapath_flows{datapath=\"system@ovs-system\"}", 7.0)
                .containsEntry("contiv_ovs_datapath_mask_hits_total{datapath=\"system@ovs-system\"}", 150.0)
                .containsEntry("contiv_ovs_datapath_masks{datapath=\"system@ovs-system\"}", 4.0)
                .containsEntry("contiv_ovs_coverage_events_total{event=\"upcall_flow_limit_hit\"}", 12.0)
                .containsEntry("contiv_ovs_coverage_events_total{event=\"netlink_overflow\"}", 0.0)
                .containsEntry("contiv_ovs_vswitchd_objects{kind=\"rules\"}", 15.0)
                .containsEntry("contiv_ovs_vswitchd_objects{kind=\"udpif_keys\"}", 5.0)
                .doesNotContainKey("contiv_ovs_coverage_events_total{event=\"bridge_reconfigure\"}");
        assertThat(samples.keySet().stream().filter(k -> k.startsWith("contiv_ovs_coverage_events_total")))
                .hasSize(TroubleEvents.EVENTS.size());
    }
}
