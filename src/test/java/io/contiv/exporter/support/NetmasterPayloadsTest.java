package io.contiv.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.netmaster.NetmasterJson;
import io.contiv.exporter.netmaster.NetworkInspect;
import io.contiv.exporter.support.NetmasterPayloads.Endpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The payloads rebuild the reference's tenant1:net1-0 exactly, values included. */
class NetmasterPayloadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Map<String, byte[]> referenceTenant1() {
        return new NetmasterPayloads("tenant1", "net1-0", "10.1.0.0/24", "10.1.0.254", 110)
                .group("epg1-0-0")
                .group("epg1-0-1")
                .endpoint(new Endpoint("89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71",
                        "d453dd324b0dbb418d5288f1142c3fe860e7a113ec1b8ca1f91e1d4c1ff49b78", "pod-1-0-0", "node1",
                        "10.1.0.1", "02:02:0a:01:00:01", "192.168.2.1", Optional.of("epg1-0-0")))
                .endpoint(new Endpoint("daf61a26146d3f31fc377a4c4a15544dc5e7ce8a3a578a8ea9488d990bbb2599",
                        "d58842dea2bc372f7412b29347294739614ff3d719db3ad0ddd1dfb23b982ef8", "pod-1-0-1", "node2",
                        "10.1.0.2", "02:02:0a:01:00:02", "192.168.2.2", Optional.of("epg1-0-1")))
                .endpoint(new Endpoint("b3aa7efe4458a885ab9099a435a240ae5af305535ec42e0829a3b2e95d65a441",
                        "88bd64072bcfbe01a28defe39bf0027312476f57a5e5a5abaefcfad8efc89849", "pod-1-0-2", "node1",
                        "10.1.0.3", "02:02:0a:01:00:03", "192.168.2.1", Optional.empty()))
                .bodies();
    }

    @Test
    void inspectEqualsTheReference() throws IOException {
        JsonNode ours = MAPPER.readTree(referenceTenant1().get("/api/v1/inspect/networks/tenant1:net1-0/"));
        assertThat(ours).isEqualTo(reference(ReferenceData.INSPECT_TENANT1));
        assertThat(fieldOrder(ours.path("Oper").path("endpoints").get(0)))
                .isEqualTo(fieldOrder(reference(ReferenceData.INSPECT_TENANT1).path("Oper").path("endpoints").get(0)));
    }

    @Test
    void networksTenantsAndGroupsEqualTheReferenceEntries() throws IOException {
        Map<String, byte[]> bodies = referenceTenant1();
        JsonNode networks = MAPPER.readTree(bodies.get("/api/v1/networks/"));
        JsonNode referenceNetworks = reference(ReferenceData.NETWORKS);
        assertThat(networks).hasSize(2);
        assertThat(networks.get(0)).isEqualTo(referenceNetworks.get(0)); // the infra network
        assertThat(networks.get(1)).isEqualTo(referenceNetworks.get(2));
        assertThat(fieldOrder(networks.get(1))).isEqualTo(fieldOrder(referenceNetworks.get(2)));

        JsonNode tenants = MAPPER.readTree(bodies.get("/api/v1/tenants/"));
        assertThat(tenants).containsExactly(reference(ReferenceData.TENANTS).get(1));

        // the reference groups carry policies and net profiles, which these payloads leave out (absent when empty)
        JsonNode groups = MAPPER.readTree(bodies.get("/api/v1/endpointGroups/"));
        JsonNode referenceGroups = reference(ReferenceData.GROUPS);
        for (int i = 0; i < 2; i++) {
            ObjectNode withoutPolicies = referenceGroups.get(2 + i).deepCopy();
            withoutPolicies.remove(java.util.List.of("policies", "netProfile"));
            ((ObjectNode) withoutPolicies.path("link-sets")).remove("Policies");
            ((ObjectNode) withoutPolicies.path("links")).remove("NetProfile");
            assertThat(groups.get(i)).isEqualTo(withoutPolicies);
            assertThat(fieldOrder(groups.get(i))).isEqualTo(fieldOrder(withoutPolicies));
        }
    }

    @Test
    void theExportersReaderTakesThem() throws Exception {
        NetworkInspect inspect = new NetmasterJson().inspect(
                referenceTenant1().get("/api/v1/inspect/networks/tenant1:net1-0/"), "test");
        assertThat(inspect.oper().endpoints()).hasSize(3);
        assertThat(inspect.oper().endpoints().get(2).serviceName()).isNull();
    }

    @Test
    void anEndpointsGroupMustExist() {
        NetmasterPayloads payloads = new NetmasterPayloads("t", "n", "10.0.0.0/24", "10.0.0.254", 1);
        assertThatThrownBy(() -> payloads.endpoint(new Endpoint("0123456789abcdef", "c", "name", "host",
                "10.0.0.1", "02:00:0a:00:00:01", "127.0.0.1", Optional.of("nope"))))
                .hasMessageContaining("nope");
    }

    private static JsonNode reference(String resource) throws IOException {
        return MAPPER.readTree(Resources.bytes(resource));
    }

    private static String fieldOrder(JsonNode node) {
        StringBuilder order = new StringBuilder();
        node.fieldNames().forEachRemaining(name -> order.append(name).append(','));
        return order.toString();
    }
}
