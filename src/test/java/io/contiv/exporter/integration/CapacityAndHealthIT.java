package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.DocumentedMetrics;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.RunningExporter;
import io.contiv.exporter.testing.Promtool;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Capacity and interface-health signals against a real ovsdb-server (state columns set by the test) and a netmaster
 * stand-in serving networks at capacity, with an IPv6 subnet, and without a subnet.
 */
class CapacityAndHealthIT {

    private static final String NETWORKS = """
            [{"key":"t1:full","tenantName":"t1","networkName":"full","nwType":"data","encap":"vxlan",
              "subnet":"10.9.0.0/30","gateway":"10.9.0.1","link-sets":{},"links":{}},
             {"key":"t1:six","tenantName":"t1","networkName":"six","nwType":"data","encap":"vxlan",
              "ipv6Subnet":"2001:db8::/120","ipv6Gateway":"2001:db8::1","link-sets":{},"links":{}},
             {"key":"t1:bare","tenantName":"t1","networkName":"bare","nwType":"data","encap":"vlan",
              "link-sets":{},"links":{}}]""";
    private static final String INSPECT_FULL = """
            {"Config":{"key":"t1:full","tenantName":"t1","networkName":"full","nwType":"data","encap":"vxlan",
              "subnet":"10.9.0.0/30","gateway":"10.9.0.1"},
             "Oper":{"allocatedAddressesCount":1,"numEndpoints":2,"endpoints":[
               {"endpointID":"ep-present","containerID":"c1","containerName":"web-1","homingHost":"node1",
                "ipAddress":["10.9.0.2",""],"macAddress":"02:02:0a:09:00:02","serviceName":"pool",
                "endpointGroupKey":"pool:t1","endpointGroupId":1},
               {"endpointID":"ep-missing","containerID":"c2","containerName":"web-2","homingHost":"node1",
                "ipAddress":["10.9.0.3",""],"serviceName":"pool"},
               {"endpointID":"ep-elsewhere","containerID":"c3","containerName":"web-3","homingHost":"node2",
                "ipAddress":["10.9.0.4",""]}]}}""";
    private static final String INSPECT_SIX = """
            {"Config":{"key":"t1:six","tenantName":"t1","networkName":"six","nwType":"data",
              "ipv6Subnet":"2001:db8::/120","ipv6Gateway":"2001:db8::1"},
             "Oper":{"allocatedAddressesCount":5}}""";
    private static final String INSPECT_BARE = """
            {"Config":{"key":"t1:bare","tenantName":"t1","networkName":"bare","nwType":"data"},"Oper":{}}""";
    private static final String TENANTS = "[{\"key\":\"t1\",\"tenantName\":\"t1\"}]";
    private static final String GROUPS = """
            [{"key":"t1:pool","groupName":"pool","networkName":"full","tenantName":"t1",
              "ipPool":"10.9.0.2-10.9.0.3"}]""";

    private static NetmasterStandIn netmaster() {
        NetmasterStandIn standIn = NetmasterStandIn.servingFixedBodies(Map.of(
                "/api/v1/networks/", bytes(NETWORKS),
                "/api/v1/tenants/", bytes(TENANTS),
                "/api/v1/endpointGroups/", bytes(GROUPS),
                "/api/v1/inspect/networks/t1:full/", bytes(INSPECT_FULL),
                "/api/v1/inspect/networks/t1:six/", bytes(INSPECT_SIX),
                "/api/v1/inspect/networks/t1:bare/", bytes(INSPECT_BARE)));
        standIn.start();
        return standIn;
    }

    @Test
    void netmasterModeReportsAddressPools() {
        try (NetmasterStandIn netmaster = netmaster();
             RunningExporter exporter = RunningExporter.start("--mode", "netmaster",
                     "--netmaster", netmaster.hostPort())) {
            String body = exporter.get("/metrics").body();
            Map<String, Double> samples = ExpositionText.samples(body);

            assertThat(samples)
                    .containsEntry("contiv_network_addresses_allocated{network=\"full\",tenant=\"t1\"}", 1.0)
                    // a /30 holds 4 addresses: less network, broadcast and gateway, one is left, and it is taken
                    .containsEntry("contiv_network_addresses_capacity{network=\"full\",tenant=\"t1\"}", 1.0)
                    .containsEntry("contiv_network_addresses_allocated{network=\"six\",tenant=\"t1\"}", 5.0)
                    .containsEntry("contiv_network_addresses_capacity{network=\"six\",tenant=\"t1\"}", 254.0)
                    .containsEntry("contiv_network_addresses_allocated{network=\"bare\",tenant=\"t1\"}", 0.0)
                    .doesNotContainKey("contiv_network_addresses_capacity{network=\"bare\",tenant=\"t1\"}")
                    .containsEntry("contiv_endpoint_group_addresses_capacity{endpoint_group=\"pool\",network=\"full\","
                            + "tenant=\"t1\"}", 2.0)
                    .containsEntry("contiv_endpoint_group_addresses_allocated{endpoint_group=\"pool\","
                            + "network=\"full\",tenant=\"t1\"}", 2.0)
                    .containsEntry("contiv_host_endpoints{host=\"node1\"}", 2.0)
                    .containsEntry("contiv_host_endpoints{host=\"node2\"}", 1.0);
            assertThat(Promtool.locate().checkMetrics(body).output()).isEmpty();
            DocumentedMetrics.readme().assertDocuments(body);
        }
    }

    @Test
    void netpluginModeReportsInterfaceStateOrphansAndMissingInterfaces() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        try (RealOvsdbServer ovsdb = RealOvsdbServer.start(); NetmasterStandIn netmaster = netmaster()) {
            ovsdb.addBridge("contivVxlanBridge");
            ovsdb.addInterface("contivVxlanBridge", "vvport1", Map.of("endpoint-id", "ep-present"),
                    Map.of("rx_bytes", 100L, "tx_bytes", 200L));
            ovsdb.addInterface("contivVxlanBridge", "vvport9", Map.of("endpoint-id", "ep-unknown"),
                    Map.of("rx_bytes", 1L));
            ovsdb.setColumn("vvport1", "admin_state", "up");
            ovsdb.setColumn("vvport1", "link_state", "down");
            ovsdb.setColumn("vvport1", "mtu", 1450L);
            ovsdb.setColumn("vvport1", "link_resets", 3L);
            ovsdb.setColumn("vvport1", "ofport", 7L);

            try (RunningExporter exporter = RunningExporter.start("--mode", "netplugin", "--node.name", "node1",
                    "--netmaster", netmaster.hostPort(), "--ovsdb", ovsdb.tcpAddress())) {
                String labels = "{container=\"web-1\",endpoint_group=\"pool\",host=\"node1\",interface=\"vvport1\","
                        + "network=\"full\",tenant=\"t1\"}";
                String body = exporter.scrapeUntil(b -> b.contains("contiv_endpoint_link_up"), Duration.ofSeconds(5));
                Map<String, Double> samples = ExpositionText.samples(body);

                assertThat(samples).containsEntry("contiv_endpoint_admin_up" + labels, 1.0)
                        .containsEntry("contiv_endpoint_link_up" + labels, 0.0)
                        .containsEntry("contiv_endpoint_mtu_bytes" + labels, 1450.0)
                        .containsEntry("contiv_endpoint_link_resets_total" + labels, 3.0)
                        .containsEntry("contiv_endpoint_ofport" + labels, 7.0)
                        .containsEntry("contiv_orphan_interfaces", 1.0)
                        // asked one endpoint at a time, netmaster never names those OVS lacks (etcd's state does)
                        .containsEntry("contiv_missing_endpoint_interfaces", 0.0);
                assertThat(Promtool.locate().checkMetrics(body).output()).isEmpty();

                ovsdb.setColumn("vvport1", "link_state", "up");
                ovsdb.setColumn("vvport1", "link_resets", 4L);
                Map<String, Double> later = ExpositionText.samples(exporter.scrapeUntil(
                        b -> b.contains("contiv_endpoint_link_resets_total" + labels + " 4"), Duration.ofSeconds(5)));
                assertThat(later).containsEntry("contiv_endpoint_link_up" + labels, 1.0)
                        .containsEntry("contiv_endpoint_link_resets_total" + labels, 4.0);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
