package io.contiv.exporter.simulation.netmaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Http;
import io.contiv.exporter.simulation.ReferenceFiles;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.http.HttpFaults;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetmasterStandInTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SimulatedCluster CLUSTER = SimulatedCluster.generate(ClusterSpec.defaults());
    private static final NetmasterBodies JSON = new NetmasterBodies(CLUSTER);
    private static final String INSPECT_NET00 = "/api/v1/inspect/networks/default:net0-0/";

    private NetmasterStandIn netmaster;

    @BeforeEach
    void start() {
        netmaster = NetmasterStandIn.serving(CLUSTER);
    }

    @AfterEach
    void close() {
        netmaster.close();
    }

    @Test
    void inspectsOneEndpointAsNetmasterDoesByAnyPartOfItsIdsOrName() throws IOException {
        io.contiv.exporter.simulation.Endpoint endpoint = CLUSTER.endpoints().get(1);
        HttpResponse<byte[]> byId = get("/api/v1/inspect/endpoints/" + endpoint.endpointID() + "/");
        assertThat(byId.statusCode()).isEqualTo(200);
        JsonNode oper = MAPPER.readTree(byId.body()).get("Oper");
        assertThat(oper.get("key").asText()).as("the key asked for").isEqualTo(endpoint.endpointID());
        assertThat(oper.get("endpointID").asText()).isEqualTo(endpoint.endpointID());
        assertThat(oper.get("containerName").asText()).isEqualTo(endpoint.containerName());
        assertThat(oper.get("network").asText()).isEqualTo(endpoint.networkId());
        assertThat(oper.get("ipAddress").get(0).asText()).isEqualTo(endpoint.ipAddress());
        assertThat(new String(byId.body(), StandardCharsets.UTF_8)).as("Go's encoder: compact, one line")
                .startsWith("{\"Oper\":{\"key\":").endsWith("}}\n");

        JsonNode byName = MAPPER.readTree(get("/api/v1/inspect/endpoints/" + endpoint.containerName() + "/").body());
        assertThat(byName.get("Oper").get("endpointID").asText()).isEqualTo(endpoint.endpointID());

        HttpResponse<byte[]> unknown = get("/api/v1/inspect/endpoints/" + "f".repeat(64) + "/");
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).isEqualTo("endpoint not found\n");
    }

    @Test
    void servesEveryUrlFromTheCluster() {
        assertThat(get("/api/v1/networks/").body()).isEqualTo(JSON.networks());
        assertThat(get("/api/v1/tenants/").body()).isEqualTo(JSON.tenants());
        assertThat(get("/api/v1/endpointGroups/").body()).isEqualTo(JSON.endpointGroups());
        assertThat(get(INSPECT_NET00).body()).isEqualTo(JSON.inspectNetwork("default:net0-0").orElseThrow());
        assertThat(get("/api/v1/inspect/networks/tenant1:net1-0/").body())
                .isEqualTo(JSON.inspectNetwork("tenant1:net1-0").orElseThrow());
        HttpResponse<byte[]> response = get("/api/v1/networks/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void inspectKeysMayBeUrlEncoded() {
        HttpResponse<byte[]> encoded = get("/api/v1/inspect/networks/default%3Anet0-0/");
        HttpResponse<byte[]> lowerCase = get("/api/v1/inspect/networks/tenant1%3anet1-0/");

        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(encoded.body()).isEqualTo(JSON.inspectNetwork("default:net0-0").orElseThrow());
        assertThat(lowerCase.body()).isEqualTo(JSON.inspectNetwork("tenant1:net1-0").orElseThrow());
    }

    @Test
    void unknownNetworksAndPathsAre404() {
        assertThat(get("/api/v1/inspect/networks/default:net7-7/").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/inspect/networks/").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/policys/").statusCode()).isEqualTo(404);
    }

    @Test
    void fixedBodiesAreServedByteForByte() {
        Map<String, byte[]> bodies = Map.of(
                "/api/v1/networks/", ReferenceFiles.netmaster("networks.json"),
                "/api/v1/tenants/", ReferenceFiles.netmaster("tenants.json"),
                "/api/v1/endpointGroups/", ReferenceFiles.netmaster("endpointGroups.json"),
                INSPECT_NET00, ReferenceFiles.netmaster("inspect-networks-default-net0-0.json"),
                "/api/v1/inspect/networks/tenant1%3Anet1-0/", ReferenceFiles.netmaster("inspect-networks-tenant1-net1-0.json"));
        try (NetmasterStandIn fixed = NetmasterStandIn.servingFixedBodies(bodies)) {
            for (Map.Entry<String, byte[]> entry : bodies.entrySet()) {
                assertThat(Http.get(fixed.baseUri(), entry.getKey()).body()).as(entry.getKey()).isEqualTo(entry.getValue());
            }
            assertThat(Http.get(fixed.baseUri(), "/api/v1/inspect/networks/default%3Anet0-0/").body())
                    .isEqualTo(ReferenceFiles.netmaster("inspect-networks-default-net0-0.json"));
            assertThat(Http.get(fixed.baseUri(), "/api/v1/inspect/networks/tenant1:net1-0/").body())
                    .isEqualTo(ReferenceFiles.netmaster("inspect-networks-tenant1-net1-0.json"));
            assertThat(Http.get(fixed.baseUri(), "/api/v1/inspect/networks/default:contivh1/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void delaysResponses() {
        netmaster.faults().delayResponses(250);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> parallel = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parallel.add(CompletableFuture.supplyAsync(() -> get("/api/v1/networks/"), clients));
        }
        parallel.forEach(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        long millis = (System.nanoTime() - start) / 1_000_000;
        clients.shutdown();

        assertThat(millis).isBetween(250L, 900L); // delayed, but in parallel rather than one after another
        netmaster.faults().delayResponses(0);
        long undelayedStart = System.nanoTime();
        get("/api/v1/networks/");
        assertThat((System.nanoTime() - undelayedStart) / 1_000_000).isLessThan(200L);
    }

    @Test
    void answersServerError() {
        netmaster.faults().answerServerError(true);
        assertThat(get("/api/v1/networks/").statusCode()).isEqualTo(500);
        assertThat(get(INSPECT_NET00).statusCode()).isEqualTo(500);

        netmaster.faults().answerServerError(false);
        assertThat(get("/api/v1/networks/").statusCode()).isEqualTo(200);
    }

    @Test
    void answersMalformedJson() {
        netmaster.faults().answerMalformedJson(true);
        HttpResponse<byte[]> response = get("/api/v1/tenants/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.text(response)).isEqualTo(HttpFaults.MALFORMED_BODY);
        assertThatThrownBy(() -> MAPPER.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(get("/api/v1/inspect/networks/default:net9-9/").statusCode()).isEqualTo(404);
    }

    @Test
    void answersTruncatedJson() {
        byte[] whole = JSON.inspectNetwork("default:net0-0").orElseThrow();
        netmaster.faults().answerTruncatedJson(true);
        HttpResponse<byte[]> response = get(INSPECT_NET00);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(whole.length / 2).isEqualTo(Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> MAPPER.readTree(response.body())).isInstanceOf(JsonProcessingException.class);

        netmaster.faults().clear();
        assertThat(get(INSPECT_NET00).body()).isEqualTo(whole);
    }

    @Test
    void aVanishedNetworkIsListedButCannotBeInspected() throws IOException {
        netmaster.vanishFromInspect("default:net0-0");

        JsonNode networks = MAPPER.readTree(get("/api/v1/networks/").body());
        assertThat(networks.findValuesAsText("key")).contains("default:net0-0");
        assertThat(get(INSPECT_NET00).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/inspect/networks/default%3Anet0-0/").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/inspect/networks/tenant1:net1-0/").statusCode()).isEqualTo(200);

        netmaster.restoreInspect("default:net0-0");
        assertThat(get(INSPECT_NET00).statusCode()).isEqualTo(200);
    }

    @Test
    void stopsAndStartsOnTheSamePort() throws IOException {
        int port = netmaster.port();
        netmaster.stop();

        assertThat(netmaster.isRunning()).isFalse();
        assertThatThrownBy(() -> Http.tryGet(netmaster.baseUri(), "/api/v1/networks/")).isInstanceOf(ConnectException.class);

        netmaster.start();
        assertThat(netmaster.port()).isEqualTo(port);
        assertThat(Http.tryGet(netmaster.baseUri(), "/api/v1/networks/").statusCode()).isEqualTo(200);
    }

    @Test
    void replacesTheClusterAtRuntime() throws IOException {
        SimulatedCluster bigger = SimulatedCluster.generate(ClusterSpec.defaults().withTenants(3).withSeed(5));
        netmaster.setCluster(bigger);

        assertThat(MAPPER.readTree(get("/api/v1/tenants/").body()).findValuesAsText("tenantName"))
                .containsExactly("default", "tenant1", "tenant2");
        assertThat(get("/api/v1/inspect/networks/tenant2:net2-0/").body())
                .isEqualTo(new NetmasterBodies(bigger).inspectNetwork("tenant2:net2-0").orElseThrow());
    }

    @Test
    void countsRequestsPerPath() {
        get("/api/v1/networks/");
        get("/api/v1/networks/");
        get(INSPECT_NET00);
        get("/api/v1/inspect/networks/default%3Anet0-0/");
        netmaster.faults().answerServerError(true);
        get("/api/v1/tenants/");

        assertThat(netmaster.requestCount("/api/v1/networks/")).isEqualTo(2);
        assertThat(netmaster.requestCount(INSPECT_NET00)).isEqualTo(2);
        assertThat(netmaster.requestCount("/api/v1/tenants/")).isEqualTo(1);
        assertThat(netmaster.requestCount("/api/v1/endpointGroups/")).isZero();
        assertThat(netmaster.totalRequests()).isEqualTo(5);
        assertThat(netmaster.requestCounts()).containsEntry(INSPECT_NET00, 2L);

        netmaster.resetRequestCounts();
        assertThat(netmaster.totalRequests()).isZero();
    }

    @Test
    void streamsLargeNetworks() throws IOException {
        SimulatedCluster large = SimulatedCluster.generate(ClusterSpec.defaults().withNodes(20).withEndpointsPerNode(1_000));
        netmaster.setCluster(large);

        JsonNode inspect = MAPPER.readTree(get("/api/v1/inspect/networks/tenant1:net1-0/").body());

        assertThat(inspect.at("/Oper/endpoints").size()).isEqualTo(10_000);
        assertThat(inspect.at("/Oper/numEndpoints").asInt()).isEqualTo(10_000);
        assertThat(new String(get("/api/v1/networks/").body(), StandardCharsets.UTF_8)).contains("10.1.0.0/18");
    }

    private HttpResponse<byte[]> get(String path) {
        return Http.get(netmaster.baseUri(), path);
    }
}
