package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.health.Source;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PolicyWiringTest {

    private final TemporaryDirectory runDirectory = TemporaryDirectory.create("contiv-rundir-");

    @AfterEach
    void removeRunDirectory() {
        runDirectory.close();
    }

    @Test
    void isOnByDefaultWhenAContivBridgeHasAManagementSocket() {
        assertThat(decide().sources()).isEmpty();
        runDirectory.write("contivVlanBridge.mgmt", "");
        assertThat(decide().sources()).containsExactlyInAnyOrder(Source.OPENFLOW, Source.ETCD_POLICY_RULES);
    }

    @Test
    void followsTheFlagEitherWay() {
        runDirectory.write("contivVxlanBridge.mgmt", "");
        assertThat(decide("--no-collector.policy").sources()).isEmpty();
        assertThat(decide("--collector.policy=false").sources()).isEmpty();
        runDirectory.close();
        assertThat(decide("--collector.policy").sources()).contains(Source.OPENFLOW);
    }

    @Test
    void askingForItWithoutEtcdOrInNetmasterModeIsAnError() {
        assertThatThrownBy(() -> PolicyWiring.decide(RunningExporter.options("--collector.policy", "--etcd", "",
                "--netmaster", "10.0.0.5:9999", "--ovs.rundir", runDirectory.path().toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--etcd");
        assertThatThrownBy(() -> decide("--collector.policy", "--mode", "netmaster"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("netplugin mode");
    }

    @Test
    void netmasterModeAndNoEtcdTurnTheDefaultOff() {
        runDirectory.write("contivVxlanBridge.mgmt", "");
        assertThat(decide("--mode", "netmaster").sources()).isEmpty();
        assertThat(PolicyWiring.decide(RunningExporter.options("--etcd", "", "--netmaster", "10.0.0.5:9999",
                "--ovs.rundir", runDirectory.path().toString())).sources()).isEmpty();
    }

    private PolicyWiring decide(String... extra) {
        List<String> args = new ArrayList<>(List.of("--etcd", "http://127.0.0.1:1", "--ovs.rundir",
                runDirectory.path().toString()));
        args.addAll(List.of(extra));
        return PolicyWiring.decide(RunningExporter.options(args.toArray(String[]::new)));
    }
}
