package io.contiv.exporter.simulation.netmaster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.JsonShape;
import io.contiv.exporter.simulation.ReferenceFiles;
import io.contiv.exporter.simulation.SimulatedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetmasterBodiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final NetmasterBodies REFERENCE_SHAPE =
            new NetmasterBodies(SimulatedCluster.generate(ClusterSpec.defaults()));

    static Stream<Arguments> referencePayloads() {
        return Stream.of(
                payload("networks.json", NetmasterBodies::networks),
                payload("tenants.json", NetmasterBodies::tenants),
                payload("endpointGroups.json", NetmasterBodies::endpointGroups),
                payload("inspect-networks-default-net0-0.json", json -> json.inspectNetwork("default:net0-0").orElseThrow()),
                payload("inspect-networks-tenant1-net1-0.json", json -> json.inspectNetwork("tenant1:net1-0").orElseThrow()));
    }

    private static Arguments payload(String file, Function<NetmasterBodies, byte[]> render) {
        return Arguments.of(file, render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referencePayloads")
    void hasTheReferenceStructure(String file, Function<NetmasterBodies, byte[]> render) throws IOException {
        JsonNode reference = MAPPER.readTree(ReferenceFiles.netmaster(file));
        JsonNode rendered = MAPPER.readTree(render.apply(REFERENCE_SHAPE));

        assertThat(JsonShape.differences(reference, rendered)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referencePayloads")
    void equalsTheReferenceTextButForRandomIds(String file, Function<NetmasterBodies, byte[]> render) {
        String reference = new String(ReferenceFiles.netmaster(file), StandardCharsets.UTF_8);
        String rendered = new String(render.apply(REFERENCE_SHAPE), StandardCharsets.UTF_8);

        assertThat(maskRandomIds(rendered)).isEqualTo(maskRandomIds(reference));
    }

    @Test
    void sameSeedSameJson_otherSeedOtherJson() {
        ClusterSpec spec = ClusterSpec.defaults().withSeed(9).withNodes(5).withEndpointsPerNode(20);
        NetmasterBodies once = new NetmasterBodies(SimulatedCluster.generate(spec));
        NetmasterBodies again = new NetmasterBodies(SimulatedCluster.generate(spec));
        NetmasterBodies otherSeed = new NetmasterBodies(SimulatedCluster.generate(spec.withSeed(10)));

        assertThat(again.inspectNetwork("tenant1:net1-0")).get().isEqualTo(once.inspectNetwork("tenant1:net1-0").get());
        assertThat(again.networks()).isEqualTo(once.networks());
        assertThat(again.endpointGroups()).isEqualTo(once.endpointGroups());
        assertThat(otherSeed.inspectNetwork("tenant1:net1-0").get()).isNotEqualTo(once.inspectNetwork("tenant1:net1-0").get());
        // the seed only changes the random IDs
        assertThat(maskRandomIds(new String(otherSeed.inspectNetwork("tenant1:net1-0").get(), StandardCharsets.UTF_8)))
                .isEqualTo(maskRandomIds(new String(once.inspectNetwork("tenant1:net1-0").get(), StandardCharsets.UTF_8)));
    }

    @Test
    void endpointWithoutGroupHasNoGroupFields() throws IOException {
        JsonNode endpoints = MAPPER.readTree(REFERENCE_SHAPE.inspectNetwork("default:net0-0").orElseThrow())
                .at("/Oper/endpoints");

        assertThat(endpoints.get(0).has("serviceName")).isTrue();
        assertThat(endpoints.get(2).has("serviceName")).isFalse();
        assertThat(endpoints.get(2).has("endpointGroupKey")).isFalse();
        assertThat(endpoints.get(2).has("endpointGroupId")).isFalse();
        assertThat(endpoints.get(0).get("endpointGroupKey").asText()).isEqualTo("epg0-0-0:default");
    }

    @Test
    void netProfileIsASingleLinkNeverALinkSet() throws IOException {
        JsonNode groups = MAPPER.readTree(REFERENCE_SHAPE.endpointGroups());

        JsonNode withProfile = groups.get(0);
        assertThat(withProfile.at("/links/NetProfile/key").asText()).isEqualTo("default:prof00");
        assertThat(withProfile.get("netProfile").asText()).isEqualTo("prof00");
        assertThat(withProfile.get("link-sets").has("NetProfiles")).isFalse();
        assertThat(groups.get(1).get("links").has("NetProfile")).isFalse();
        assertThat(groups.get(1).has("netProfile")).isFalse();
    }

    @Test
    void emptyThingsAreOmitted() throws IOException {
        ClusterSpec bare = ClusterSpec.defaults().withGroupsPerNetwork(0).withPoliciesPerGroup(0).withEndpointsPerNode(0);
        NetmasterBodies json = new NetmasterBodies(SimulatedCluster.generate(bare));

        JsonNode network = MAPPER.readTree(json.networks()).get(1);
        assertThat(network.get("link-sets").size()).isZero();
        JsonNode tenant = MAPPER.readTree(json.tenants()).get(0);
        assertThat(fieldNames(tenant.get("link-sets"))).containsExactly("Networks");
        JsonNode oper = MAPPER.readTree(json.inspectNetwork("default:net0-0").orElseThrow()).get("Oper");
        assertThat(fieldNames(oper)).containsExactly("pktTag");
        JsonNode infra = MAPPER.readTree(json.inspectNetwork("default:contivh1").orElseThrow());
        assertThat(infra.get("Oper").size()).isZero();
        assertThat(infra.at("/Config/pktTag").asInt(-1)).isZero();

        ClusterSpec noPolicies = ClusterSpec.defaults().withPoliciesPerGroup(0);
        JsonNode group = MAPPER.readTree(new NetmasterBodies(SimulatedCluster.generate(noPolicies)).endpointGroups()).get(0);
        assertThat(group.has("policies")).isFalse();
        assertThat(group.get("link-sets").size()).isZero();
    }

    @Test
    void unknownNetworkHasNoInspect() {
        assertThat(REFERENCE_SHAPE.inspectNetwork("default:net9-9")).isEmpty();
    }

    private static Stream<String> fieldNames(JsonNode node) {
        Stream.Builder<String> names = Stream.builder();
        node.fieldNames().forEachRemaining(names::add);
        return names.build();
    }

    /** Replaces the seeded values: 64-hex IDs and the 12-hex suffix of endpoint keys. */
    static String maskRandomIds(String json) {
        return json.replaceAll("\"[0-9a-f]{64}\"", "\"<id>\"").replaceAll("-[0-9a-f]{12}\"", "-<id12>\"");
    }
}
