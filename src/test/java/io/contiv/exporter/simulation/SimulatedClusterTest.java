package io.contiv.exporter.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

    private static final ClusterSpec MEDIUM = ClusterSpec.defaults()
            .withSeed(42).withTenants(3).withNetworksPerTenant(2).withGroupsPerNetwork(3)
            .withEndpointsPerNode(50).withNodes(7).withPoliciesPerGroup(3);

    @Test
    void defaultsAreTheReferenceShape() {
        SimulatedCluster cluster = SimulatedCluster.generate(ClusterSpec.defaults());

        assertThat(cluster.tenants()).extracting(SimulatedTenant::name).containsExactly("default", "tenant1");
        assertThat(cluster.networks()).extracting(SimulatedNetwork::key)
                .containsExactly("default:contivh1", "default:net0-0", "tenant1:net1-0");
        assertThat(cluster.endpointGroups()).extracting(SimulatedEndpointGroup::key)
                .containsExactly("default:epg0-0-0", "default:epg0-0-1", "tenant1:epg1-0-0", "tenant1:epg1-0-1");
        assertThat(cluster.hosts()).containsExactly("node1", "node2");
        assertThat(cluster.endpointCount()).isEqualTo(6);

        SimulatedNetwork net10 = cluster.network("tenant1:net1-0").orElseThrow();
        assertThat(net10.subnet()).isEqualTo("10.1.0.0/24");
        assertThat(net10.gateway()).isEqualTo("10.1.0.254");
        assertThat(net10.pktTag()).isEqualTo(110);
        assertThat(net10.encap()).isEqualTo(Encapsulation.VXLAN);

        SimulatedEndpointGroup epg000 = cluster.endpointGroup("default:epg0-0-0").orElseThrow();
        assertThat(epg000.policies()).containsExactly("pol0000");
        assertThat(epg000.netProfile()).contains("prof00");
        SimulatedEndpointGroup epg001 = cluster.endpointGroup("default:epg0-0-1").orElseThrow();
        assertThat(epg001.policies()).containsExactly("pol0010", "pol0011");
        assertThat(epg001.netProfile()).isEmpty();
        assertThat(epg001.id()).isEqualTo(2);
    }

    @Test
    void endpointsHaveTheReferenceValues() {
        SimulatedCluster cluster = SimulatedCluster.generate(ClusterSpec.defaults());
        List<Endpoint> endpoints = cluster.endpointsOf(cluster.network("default:net0-0").orElseThrow());

        assertThat(endpoints).extracting(Endpoint::containerName).containsExactly("pod-0-0-0", "pod-0-0-1", "pod-0-0-2");
        assertThat(endpoints).extracting(Endpoint::homingHost).containsExactly("node2", "node1", "node2");
        assertThat(endpoints).extracting(Endpoint::vtepIP).containsExactly("192.168.2.2", "192.168.2.1", "192.168.2.2");
        assertThat(endpoints).extracting(Endpoint::ipAddress).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(endpoints.get(0).macAddress()).isEqualTo("02:02:0a:00:00:01");
        assertThat(endpoints.get(0).group().map(SimulatedEndpointGroup::groupName)).contains("epg0-0-0");
        assertThat(endpoints.get(2).group()).isEmpty();
        Endpoint first = endpoints.get(0);
        assertThat(first.endpointID()).matches("[0-9a-f]{64}");
        assertThat(first.containerID()).matches("[0-9a-f]{64}").isNotEqualTo(first.endpointID());
        assertThat(first.key()).isEqualTo("net0-0.default-" + first.endpointID().substring(0, 12));
        assertThat(first.networkId()).isEqualTo("net0-0.default");
    }

    @Test
    void sameSeedSameCluster_otherSeedOtherIds() {
        List<Endpoint> once = SimulatedCluster.generate(MEDIUM).endpoints();
        List<Endpoint> again = SimulatedCluster.generate(MEDIUM).endpoints();
        List<Endpoint> otherSeed = SimulatedCluster.generate(MEDIUM.withSeed(43)).endpoints();

        assertThat(List.copyOf(again)).isEqualTo(List.copyOf(once));
        assertThat(otherSeed).extracting(Endpoint::endpointID)
                .doesNotContainAnyElementsOf(once.stream().map(Endpoint::endpointID).toList());
        // only the random parts differ
        assertThat(otherSeed).extracting(Endpoint::containerName)
                .containsExactlyElementsOf(once.stream().map(Endpoint::containerName).toList());
    }

    @Test
    void sizesFollowTheSpec() {
        SimulatedCluster cluster = SimulatedCluster.generate(MEDIUM);

        assertThat(cluster.tenants()).hasSize(3);
        assertThat(cluster.dataNetworks()).hasSize(6);
        assertThat(cluster.networks()).hasSize(7).first().isEqualTo(SimulatedCluster.INFRA_NETWORK);
        assertThat(cluster.endpointGroups()).hasSize(18);
        assertThat(cluster.tenant("tenant2").orElseThrow().networks()).hasSize(2);
        assertThat(cluster.tenant("tenant2").orElseThrow().endpointGroups()).hasSize(6);
        assertThat(cluster.endpointCount()).isEqualTo(350);
        assertThat(cluster.endpoints()).hasSize(350);
        for (String host : cluster.hosts()) {
            assertThat(cluster.endpointsOnHost(host)).hasSize(50).allMatch(e -> e.homingHost().equals(host));
        }
        int perNetworkTotal = cluster.dataNetworks().stream().mapToInt(n -> cluster.endpointsOf(n).size()).sum();
        assertThat(perNetworkTotal).isEqualTo(350);
        assertThat(cluster.endpointsOf(SimulatedCluster.INFRA_NETWORK)).isEmpty();
        assertThat(cluster.endpointsOnHost("node8")).isEmpty();
        assertThat(cluster.endpointsOnHost("node01")).isEmpty();
        // policies 1..3, profile on every other group
        assertThat(cluster.endpointGroups()).extracting(g -> g.policies().size()).containsOnly(1, 2, 3);
        assertThat(cluster.endpointGroups()).filteredOn(g -> g.netProfile().isPresent()).hasSize(12);
    }

    @Test
    void endpointsAreConsistent() {
        SimulatedCluster cluster = SimulatedCluster.generate(MEDIUM);
        List<Endpoint> all = List.copyOf(cluster.endpoints());

        assertThat(all).extracting(Endpoint::endpointID).doesNotHaveDuplicates();
        assertThat(all).extracting(Endpoint::containerID).doesNotHaveDuplicates();
        assertThat(all).extracting(Endpoint::ipAddress).doesNotHaveDuplicates();
        assertThat(all).filteredOn(e -> e.group().isEmpty()).isNotEmpty();
        for (String host : cluster.hosts()) {
            List<String> interfaces = cluster.endpointsOnHost(host).stream().map(Endpoint::interfaceName).toList();
            assertThat(interfaces).doesNotHaveDuplicates().allMatch(name -> name.matches("vvport[1-9][0-9]*"));
        }
        for (Endpoint endpoint : all) {
            SimulatedNetwork network = cluster.network(endpoint.networkKey()).orElseThrow();
            assertThat(inSubnet(endpoint.ipAddress(), network.subnet())).as(endpoint.toString()).isTrue();
            assertThat(endpoint.macAddress()).isEqualTo(macOf(endpoint.ipAddress()));
            endpoint.group().ifPresent(group -> assertThat(network.endpointGroups()).contains(group));
            assertThat(cluster.endpoint(endpoint.endpointID())).contains(endpoint);
            assertThat(cluster.endpointByKey(endpoint.key())).contains(endpoint);
        }
        Map<String, Long> groupIds = cluster.tenant("tenant1").orElseThrow().endpointGroups().stream()
                .collect(Collectors.groupingBy(g -> Integer.toString(g.id()), Collectors.counting()));
        assertThat(groupIds.values()).containsOnly(1L);
    }

    @Test
    void lookupsOfUnknownThingsAreEmpty() {
        SimulatedCluster cluster = SimulatedCluster.generate(MEDIUM);
        String known = cluster.endpoints().get(0).endpointID();
        String otherSeed = SimulatedCluster.generate(MEDIUM.withSeed(7)).endpoints().get(0).endpointID();

        assertThat(cluster.endpoint(otherSeed)).isEmpty();
        assertThat(cluster.endpoint(known.substring(0, 63) + (known.endsWith("0") ? "1" : "0"))).isEmpty();
        assertThat(cluster.endpoint("not-hex-at-all")).isEmpty();
        assertThat(cluster.endpointByKey("net0-0.default-zzzzzzzzzzzz")).isEmpty();
        assertThat(cluster.network("default:nope")).isEmpty();
        assertThat(cluster.tenant("nope")).isEmpty();
        assertThat(cluster.endpointGroup("default:nope")).isEmpty();
    }

    @Test
    void widerSubnetsWhenNetworksHoldMoreThan253Endpoints() {
        SimulatedCluster cluster = SimulatedCluster.generate(ClusterSpec.defaults().withEndpointsPerNode(1000));

        SimulatedNetwork network = cluster.network("tenant1:net1-0").orElseThrow();
        assertThat(network.subnet()).isEqualTo("10.1.0.0/22");
        assertThat(network.gateway()).isEqualTo("10.1.3.254");
        List<Endpoint> endpoints = cluster.endpointsOf(network);
        assertThat(endpoints).hasSize(1000);
        assertThat(endpoints.get(999).ipAddress()).isEqualTo("10.1.3.232");
    }

    @Test
    void scalesToAThousandNodesOfTenThousandEndpoints() {
        ClusterSpec huge = ClusterSpec.defaults().withNodes(1000).withEndpointsPerNode(10_000)
                .withTenants(4).withNetworksPerTenant(25).withGroupsPerNetwork(10);
        long start = System.nanoTime();
        SimulatedCluster cluster = SimulatedCluster.generate(huge);
        List<Endpoint> onLastNode = cluster.endpointsOnHost("node1000");
        Endpoint last = onLastNode.get(9_999);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(cluster.endpointCount()).isEqualTo(10_000_000);
        assertThat(onLastNode).hasSize(10_000);
        assertThat(last.homingHost()).isEqualTo("node1000");
        assertThat(last.interfaceName()).isEqualTo("vvport10000");
        assertThat(cluster.endpoint(last.endpointID())).contains(last);
        assertThat(cluster.endpointsOf(cluster.dataNetworks().get(99))).hasSize(100_000);
        assertThat(millis).as("generation and a lookup take %d ms", millis).isLessThan(2_000);
    }

    @Test
    void rejectsImpossibleSpecs() {
        assertThatThrownBy(() -> ClusterSpec.defaults().withNodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterSpec.defaults().withNetworksPerTenant(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedCluster.generate(ClusterSpec.defaults().withTenants(300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/8");
    }

    private static boolean inSubnet(String address, String subnet) {
        String[] parts = subnet.split("/");
        int prefix = Integer.parseInt(parts[1]);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (toInt(address) & mask) == (toInt(parts[0]) & mask) && !address.equals(parts[0]);
    }

    private static int toInt(String dotted) {
        int value = 0;
        for (String octet : dotted.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static String macOf(String ip) {
        int address = toInt(ip);
        return String.format("02:02:%02x:%02x:%02x:%02x",
                address >>> 24, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff);
    }
}
