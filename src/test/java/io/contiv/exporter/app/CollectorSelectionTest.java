package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One mechanism for every collector's flags and defaults. */
class CollectorSelectionTest {

    /** Where netmaster is, which every option set needs; nothing is asked of it here. */
    private static final String ETCD = "--etcd=http://127.0.0.1:2379";

    private final TemporaryDirectory runDirectory = TemporaryDirectory.create("contiv-rundir-");

    @AfterEach
    void removeRunDirectory() {
        runDirectory.close();
    }

    @Test
    void eachModeRunsItsOwnCollectorsAndDetectsTheSwitchsOnes() {
        assertThat(decide()).containsExactlyInAnyOrder(Collector.ENDPOINT, Collector.TUNNELS, Collector.DROPS);
        runDirectory.write("ovs-vswitchd.pid", "1\n");
        runDirectory.write("contivVxlanBridge.mgmt", "");
        assertThat(decide()).containsExactlyInAnyOrder(Collector.ENDPOINT, Collector.POLICY, Collector.VSWITCHD,
                Collector.TABLES, Collector.TUNNELS, Collector.DROPS);
        assertThat(decide("--mode", "netmaster")).containsExactly(Collector.INVENTORY);
    }

    @Test
    void everyCollectorFollowsItsFlagBothWays() {
        runDirectory.write("ovs-vswitchd.pid", "1\n");
        runDirectory.write("contivVlanBridge.mgmt", "");
        for (Collector collector : Collector.values()) {
            if (collector.mode() != Mode.NETPLUGIN) {
                continue;
            }
            assertThat(decide("--no-collector." + collector.flag())).as(collector.flag())
                    .doesNotContain(collector).isNotEmpty();
            assertThat(decide("--collector." + collector.flag() + "=false")).doesNotContain(collector);
            assertThat(decide("--collector." + collector.flag())).contains(collector);
        }
        runDirectory.close();
        // forced on although nothing is detected: it then reports its source down
        assertThat(decide("--collector.vswitchd", "--collector.tables")).contains(Collector.VSWITCHD,
                Collector.TABLES);
        assertThat(decide("--no-collector.endpoint", "--no-collector.tunnels", "--no-collector.drops")).isEmpty();
    }

    @Test
    void askingForACollectorOfTheOtherModeOrWithoutWhatItNeedsIsAnError() {
        assertThatThrownBy(() -> decide("--mode", "netmaster", "--collector.tunnels"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--collector.tunnels works in netplugin mode "
                        + "only");
        assertThatThrownBy(() -> decide("--collector.inventory"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("netmaster mode only");
        assertThatThrownBy(() -> CollectorSelection.decide(RunningExporter.options("--etcd", "", "--netmaster", "",
                "--ovs.rundir", runDirectory.path().toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("where is netmaster?");
        // without netmaster, the switch's collectors still run when the endpoint collector is off
        assertThat(CollectorSelection.decide(RunningExporter.options("--etcd", "", "--netmaster", "",
                "--no-collector.endpoint", "--ovs.rundir", runDirectory.path().toString())))
                .containsExactlyInAnyOrder(Collector.TUNNELS, Collector.DROPS);
    }

    @Test
    void theHelpOfServeAndOnceListsBothFlagsOfEveryCollector() {
        for (String command : List.of("serve", "once")) {
            StringWriter out = new StringWriter();
            assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), command,
                    "--help")).isZero();
            for (Collector collector : Collector.values()) {
                assertThat(out.toString()).contains("--collector." + collector.flag() + "[=true|false]",
                        "--no-collector." + collector.flag());
            }
            assertThat(out.toString()).contains("--collector.endpoint.statistics", "--tenant.include",
                    "--tenant.exclude", "--ovs.poll-interval");
        }
    }

    @Test
    void statisticsAndTenantOptionsAreReadAndABadExpressionNamesItsOption() {
        ExporterOptions options = RunningExporter.options(ETCD, "--collector.endpoint.statistics",
                "rx_bytes,tx_bytes", "--tenant.exclude", "kube-.*");
        assertThat(options.endpointStatistics()).contains(Set.of("rx_bytes", "tx_bytes"));
        assertThat(options.tenantFilter().test("kube-system")).isFalse();
        assertThat(options.tenantFilter().test("default")).isTrue();
        assertThat(RunningExporter.options(ETCD, "--collector.endpoint.statistics=").endpointStatistics())
                .contains(Set.of());
        assertThat(RunningExporter.options(ETCD).endpointStatistics()).isEmpty();
        assertThatThrownBy(() -> RunningExporter.options(ETCD, "--tenant.include", "(unclosed").tenantFilter())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tenant.include");
    }

    private Set<Collector> decide(String... extra) {
        List<String> args = new ArrayList<>(List.of("--etcd", "http://127.0.0.1:1", "--ovs.rundir",
                runDirectory.path().toString()));
        args.addAll(Arrays.asList(extra));
        return CollectorSelection.decide(RunningExporter.options(args.toArray(String[]::new)));
    }
}
