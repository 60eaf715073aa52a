package io.contiv.exporter.unixctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.Resources;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The texts of dpctl/show, coverage/show and memory/show: as a real ovs-vswitchd 3.1 (userspace datapath) printed
 * them (src/test/resources/unixctl), and the kernel datapath's lines as OVS's dpctl.c prints them.
 */
class UnixctlRepliesTest {

    private static String resource(String name) {
        return new String(Resources.bytes("unixctl/" + name), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheUserspaceDatapathAsOvsPrintedIt() throws Exception {
        assertThat(DpctlShow.parse(resource("dpctl-show-netdev.txt"))).containsExactly(new DatapathStatus(
                "netdev@ovs-netdev", 30, 24, 0, 0, OptionalLong.empty(), OptionalLong.empty()));
    }

    @Test
    void readsTheKernelDatapathsMasksAndSkipsItsCacheLines() throws Exception {
        String text = """
                system@ovs-system:
                  lookups: hit:1234567890123 missed:4567 lost:89
                  flows: 42
                  masks: hit:2345678 total:7 hit/pkt:1.90
                  cache: hit:1200 hit-rate:97.00%
                  caches:
                    masks-cache: size:256
                  port 0: ovs-system (internal)
                  port 1: contivVxlanBridge (internal)
                netdev@ovs-netdev:
                  lookups: hit:1 missed:2 lost:3
                  flows: 4
                """;
        assertThat(DpctlShow.parse(text)).containsExactly(
                new DatapathStatus("system@ovs-system", 1234567890123L, 4567, 89, 42, OptionalLong.of(2345678),
                        OptionalLong.of(7)),
                new DatapathStatus("netdev@ovs-netdev", 1, 2, 3, 4, OptionalLong.empty(), OptionalLong.empty()));
    }

    @Test
    void noDatapathIsAnEmptyListAndAMangledOneIsAnError() throws Exception {
        assertThat(DpctlShow.parse("")).isEmpty();
        assertThatThrownBy(() -> DpctlShow.parse("netdev@ovs-netdev:\n  flows: 3\n"))
                .isInstanceOf(UnixctlException.class).hasMessageContaining("has no lookups hit");
        assertThatThrownBy(() -> DpctlShow.parse("netdev@ovs-netdev:\n  lookups: hit:x missed:1 lost:0\n"
                + "  flows: 3\n")).isInstanceOf(UnixctlException.class).hasMessageContaining("has no lookups hit");
        assertThatThrownBy(() -> DpctlShow.parse("netdev@ovs-netdev:\n  lookups: hit:1 missed:1 lost:0\n"
                + "  flows: many\n")).isInstanceOf(UnixctlException.class).hasMessageContaining("'many' is not");
        assertThatThrownBy(() -> DpctlShow.parse("  lookups: hit:1 missed:1 lost:0\n"))
                .isInstanceOf(UnixctlException.class).hasMessageContaining("before any datapath");
    }

    @Test
    void coverageTotalsOfEveryEventHit() throws Exception {
        Map<String, Long> totals = CoverageShow.parse(resource("coverage-show.txt"));
        assertThat(totals).hasSize(50)
                .containsEntry("drop_action_of_pipeline", 3L)
                .containsEntry("bridge_reconfigure", totalOf(resource("coverage-show.txt"), "bridge_reconfigure"))
                .doesNotContainKey("Event");
        assertThat(CoverageShow.parse("Event coverage, avg rate over last: 5 seconds, last minute, last hour,  "
                + "hash=00000000:\n0 events never hit\n")).isEmpty();
        assertThatThrownBy(() -> CoverageShow.parse("something else entirely"))
                .isInstanceOf(UnixctlException.class).hasMessageContaining("not a coverage report");
    }

    @Test
    void memoryCountsByKindWithSpacesMadeUnderscores() throws Exception {
        assertThat(MemoryShow.parse(resource("memory-show.txt"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "handlers", 1L, "idl-cells-Open_vSwitch", 482L, "ports", 7L, "revalidators", 1L, "rules", 16L));
        assertThat(MemoryShow.parse("handlers:4 ofconns:2 rules:11 udpif keys:6\n")).containsExactly(
                Map.entry("handlers", 4L), Map.entry("ofconns", 2L), Map.entry("rules", 11L),
                Map.entry("udpif_keys", 6L));
        assertThat(MemoryShow.parse("")).isEmpty();
        assertThatThrownBy(() -> MemoryShow.parse("no numbers here")).isInstanceOf(UnixctlException.class);
    }

    private static long totalOf(String text, String event) {
        return List.of(text.split("\n")).stream().filter(l -> l.startsWith(event + " "))
                .map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
