package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.ReferenceData;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With etcd given, endpoint metadata is watched in a real etcd by default; netmaster is never asked. */
class EtcdMetadataIT {

    private static final String VVPORT4_ID = "89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71";
    /** The exporter's settling time (10 s) and a margin. */
    private static final Duration SETTLED = Duration.ofSeconds(20);
    private static final String ORPHAN_ID = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    static String state(String endpointId, String network, String group, String container, String host) {
        return "{\"id\":\"" + network + "-" + endpointId + "\",\"netID\":\"" + network + "\",\"endpointID\":\""
                + endpointId + "\",\"serviceName\":\"" + group + "\",\"endpointGroupId\":1,\"endpointGroupKey\":\""
                + group + "\",\"ipAddress\":\"10.1.0.1\",\"ipv6Address\":\"\",\"macAddress\":\"02:02:0a:01:00:01\","
                + "\"homingHost\":\"" + host + "\",\"intfName\":\"\",\"vtepIP\":\"192.168.2.1\",\"labels\":{},"
                + "\"containerId\":\"c-" + container + "\",\"epCommonName\":\"" + container + "\"}";
    }

    @Test
    void endpointMetadataComesFromEtcdAndFollowsItsChanges() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start(); RealEtcd etcd = RealEtcd.start()) {
            ovsdb.addBridge("contivVxlanBridge");
            for (OvsInterface row : ReferenceData.interfaces()) {
                ovsdb.addInterface("contivVxlanBridge", row.name(), row.externalIds(), row.statistics());
            }
            // netmaster writes a network's state before any of its endpoints'
            etcd.putV2("/contiv.io/state/nets/net1-0.tenant1", "{\"id\":\"net1-0.tenant1\"}");
            etcd.putV2("/contiv.io/state/nets/net0-0.default", "{\"id\":\"net0-0.default\"}");
            etcd.putV2("/contiv.io/state/eps/net1-0.tenant1-89463e85759c",
                    state(VVPORT4_ID, "net1-0.tenant1", "epg1-0-0", "pod-1-0-0", "node1"));
            etcd.putV2("/contiv.io/state/eps/broken", "not json");

            // etcd given: the metadata comes from it by default
            try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin",
                    "--etcd", etcd.endpoint(), "--ovsdb", ovsdb.tcpAddress(),
                    "--node.name", "node1")) {
                String vvport4 = "{container=\"pod-1-0-0\",endpoint_group=\"epg1-0-0\",host=\"node1\","
                        + "interface=\"vvport4\",network=\"net1-0\",tenant=\"tenant1\"}";
                Map<String, Double> samples = ExpositionText.samples(exporter.scrapeUntil(
                        b -> b.contains("interface=\"vvport4\""), Duration.ofSeconds(5)));
                assertThat(samples).containsEntry("contiv_endpoint_transmit_bytes_total" + vvport4, 674996843.0)
                        .containsEntry("contiv_exporter_source_up{source=\"etcd_endpoints\"}", 1.0)
                        .doesNotContainKey("contiv_exporter_source_up{source=\"netmaster\"}")
                        .containsEntry("contiv_orphan_interfaces", 3.0);

                etcd.putV2("/contiv.io/state/eps/orphan", state(ORPHAN_ID, "net0-0.default", "", "late-pod",
                        "node1"));
                Map<String, Double> watched = ExpositionText.samples(exporter.scrapeUntil(
                        b -> b.contains("container=\"late-pod\""), Duration.ofSeconds(5)));
                assertThat(watched).containsEntry("contiv_endpoint_transmit_bytes_total{container=\"late-pod\","
                        + "endpoint_group=\"\",host=\"node1\",interface=\"vvport-orphan\",network=\"net0-0\","
                        + "tenant=\"default\"}", 5.0)
                        .containsEntry("contiv_orphan_interfaces", 2.0);

                // a pod netmaster placed here whose interface OVS lacks: missing (its state names this node)
                etcd.putV2("/contiv.io/state/eps/net0-0.default-aaaaaaaaaaaa", state("a".repeat(64),
                        "net0-0.default", "", "no-port-pod", "node1"));
                etcd.putV2("/contiv.io/state/eps/net0-0.default-bbbbbbbbbbbb", state("b".repeat(64),
                        "net0-0.default", "", "elsewhere-pod", "node2"));
                // reported once it has settled: netplugin adds the port after netmaster writes the state
                assertThat(ExpositionText.samples(exporter.scrapeUntil(
                        b -> b.contains("contiv_missing_endpoint_interfaces 1"), SETTLED)))
                        .containsEntry("contiv_missing_endpoint_interfaces", 1.0);

                etcd.deleteV2("/contiv.io/state/eps/net1-0.tenant1-89463e85759c");
                // the interface OVS still shows keeps its labels while the deletion settles, then is an orphan
                Map<String, Double> deleted = ExpositionText.samples(exporter.scrapeUntil(
                        b -> !b.contains("interface=\"vvport4\""), SETTLED));
                assertThat(deleted.keySet()).noneMatch(k -> k.contains("interface=\"vvport4\""));
            }
        }
    }
}
