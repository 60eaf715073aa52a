package io.contiv.exporter.simulation.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.Http;
import io.contiv.exporter.simulation.SimulatedCluster;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtcdStandInTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SimulatedCluster CLUSTER = SimulatedCluster.generate(ClusterSpec.defaults());
    private static final String LEADER = "/v2/keys/contiv.io/lock/netmaster/leader";
    private static final String EPS = "/v2/keys/contiv.io/state/eps/?recursive=true";
    private static final List<String> STATE_FIELDS = List.of("id", "netID", "endpointID", "serviceName",
            "endpointGroupId", "endpointGroupKey", "ipAddress", "ipv6Address", "macAddress", "homingHost", "intfName",
            "vtepIP", "labels", "containerId", "epCommonName");

    private EtcdStandIn etcd;

    @BeforeEach
    void start() {
        etcd = EtcdStandIn.servingEmptyStore();
    }

    @AfterEach
    void close() {
        etcd.close();
    }

    @Test
    void aMissingLeaderIsKeyNotFound() {
        HttpResponse<byte[]> response = get(LEADER);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.text(response))
                .isEqualTo("{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/contiv.io\",\"index\":3}\n");
        assertThat(response.headers().firstValue("X-Etcd-Index")).contains("3");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void servesTheLeaderAndMovesIt() {
        etcd.setLeader("127.0.0.1:9999");
        assertThat(Http.text(get(LEADER))).isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/contiv.io/lock/netmaster/leader\","
                + "\"value\":\"127.0.0.1:9999\",\"modifiedIndex\":4,\"createdIndex\":4}}\n");

        etcd.setLeader("127.0.0.1:10000");
        HttpResponse<byte[]> moved = get(LEADER);
        assertThat(Http.text(moved)).isEqualTo("{\"action\":\"get\",\"node\":{\"key\":\"/contiv.io/lock/netmaster/leader\","
                + "\"value\":\"127.0.0.1:10000\",\"modifiedIndex\":5,\"createdIndex\":5}}\n");
        assertThat(moved.headers().firstValue("X-Etcd-Index")).contains("5");

        etcd.removeLeader();
        assertThat(Http.text(get(LEADER))).isEqualTo("{\"errorCode\":100,\"message\":\"Key not found\","
                + "\"cause\":\"/contiv.io/lock/netmaster/leader\",\"index\":6}\n");
    }

    @Test
    void listsOneEndpointStatePerEndpoint() throws IOException {
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(CLUSTER);

        JsonNode node = MAPPER.readTree(get(EPS).body()).get("node");

        assertThat(node.get("key").asText()).isEqualTo("/contiv.io/state/eps");
        assertThat(node.get("dir").asBoolean()).isTrue();
        assertThat(node.get("createdIndex").asLong()).isEqualTo(5);
        JsonNode nodes = node.get("nodes");
        assertThat(nodes).hasSize(6);
        List<Endpoint> endpoints = CLUSTER.endpoints();
        for (int k = 0; k < endpoints.size(); k++) {
            Endpoint endpoint = endpoints.get(k);
            JsonNode child = nodes.get(k);
            assertThat(child.get("key").asText()).isEqualTo("/contiv.io/state/eps/" + endpoint.key());
            assertThat(child.get("modifiedIndex").asLong()).isEqualTo(5 + k);
            JsonNode state = MAPPER.readTree(child.get("value").asText());
            List<String> fields = new ArrayList<>();
            state.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isEqualTo(STATE_FIELDS);
            assertThat(state.get("id").asText()).isEqualTo(endpoint.key());
            assertThat(state.get("netID").asText()).isEqualTo(endpoint.networkId());
            assertThat(state.get("endpointID").asText()).isEqualTo(endpoint.endpointID());
            assertThat(state.get("containerId").asText()).isEqualTo(endpoint.containerID());
            assertThat(state.get("epCommonName").asText()).isEqualTo(endpoint.containerName());
            assertThat(state.get("homingHost").asText()).isEqualTo(endpoint.homingHost());
            assertThat(state.get("ipAddress").asText()).isEqualTo(endpoint.ipAddress());
            assertThat(state.get("macAddress").asText()).isEqualTo(endpoint.macAddress());
            assertThat(state.get("vtepIP").asText()).isEqualTo(endpoint.vtepIP());
            assertThat(state.get("labels").isObject()).isTrue();
            assertThat(state.get("serviceName").asText()).isEqualTo(endpoint.group().map(g -> g.groupName()).orElse(""));
            assertThat(state.get("endpointGroupId").asInt()).isEqualTo(endpoint.group().map(g -> g.id()).orElse(0));
        }
        assertThat(nodes.get(0).get("value").asText()).contains("\"serviceName\":\"epg0-0-0\",\"endpointGroupId\":1,"
                + "\"endpointGroupKey\":\"epg0-0-0:default\"");
        assertThat(nodes.get(2).get("value").asText()).contains("\"serviceName\":\"\",\"endpointGroupId\":0,"
                + "\"endpointGroupKey\":\"\"");
    }

    @Test
    void servesSingleEndpointStatesAndDirectoryListings() throws IOException {
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(CLUSTER);
        Endpoint third = CLUSTER.endpoints().get(2);

        JsonNode single = MAPPER.readTree(get("/v2/keys/contiv.io/state/eps/" + third.key()).body()).get("node");
        assertThat(single.get("value").asText()).isEqualTo(EndpointStateJson.render(third));
        assertThat(single.get("createdIndex").asLong()).isEqualTo(7);

        assertThat(Http.text(get("/v2/keys/contiv.io/?sorted=true"))).isEqualTo("{\"action\":\"get\",\"node\":"
                + "{\"key\":\"/contiv.io\",\"dir\":true,\"nodes\":["
                + "{\"key\":\"/contiv.io/lock\",\"dir\":true,\"modifiedIndex\":4,\"createdIndex\":4},"
                + "{\"key\":\"/contiv.io/state\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5}],"
                + "\"modifiedIndex\":4,\"createdIndex\":4}}\n");
        assertThat(Http.text(get("/v2/keys/"))).isEqualTo("{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":["
                + "{\"key\":\"/contiv.io\",\"dir\":true,\"modifiedIndex\":4,\"createdIndex\":4}]}}\n");
        JsonNode sorted = MAPPER.readTree(get(EPS + "&sorted=true").body()).at("/node/nodes");
        assertThat(sorted.findValuesAsText("key")).isSorted().hasSize(6);
    }

    @Test
    void errorsNameTheFirstMissingOrNonDirectoryKey() {
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(CLUSTER);

        HttpResponse<byte[]> notADirectory = get(LEADER + "/deeper");
        assertThat(notADirectory.statusCode()).isEqualTo(400);
        assertThat(Http.text(notADirectory)).isEqualTo("{\"errorCode\":104,\"message\":\"Not a directory\","
                + "\"cause\":\"/contiv.io/lock/netmaster/leader\",\"index\":10}\n");
        assertThat(Http.text(get("/v2/keys/contiv.io/lock/x/y"))).isEqualTo("{\"errorCode\":100,"
                + "\"message\":\"Key not found\",\"cause\":\"/contiv.io/lock/x\",\"index\":10}\n");
        assertThat(get("/v2/keys/contiv.io/state/eps/net0-0.default-000000000000").statusCode()).isEqualTo(404);
    }

    @Test
    void replacingTheClusterRewritesTheEndpointStates() throws IOException {
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(CLUSTER);
        SimulatedCluster other = SimulatedCluster.generate(ClusterSpec.defaults().withSeed(2).withNodes(3));

        etcd.setCluster(other);

        JsonNode node = MAPPER.readTree(get(EPS).body()).get("node");
        assertThat(node.get("nodes")).hasSize(9);
        assertThat(node.get("createdIndex").asLong()).isEqualTo(12); // 5..10 old, 11 the delete
        assertThat(node.get("nodes").get(0).get("key").asText()).endsWith(other.endpoints().get(0).key());
        assertThat(etcd.index()).isEqualTo(20);
    }

    @Test
    void faultSwitches() throws IOException {
        etcd.setLeader("127.0.0.1:9999");

        etcd.faults().answerServerError(true);
        HttpResponse<byte[]> error = get(LEADER);
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(MAPPER.readTree(error.body()).get("errorCode").asInt()).isEqualTo(300);
        etcd.faults().answerServerError(false);

        etcd.faults().delayResponses(200);
        long start = System.nanoTime();
        assertThat(get(LEADER).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
        etcd.faults().delayResponses(0);

        String whole = Http.text(get(LEADER));
        etcd.faults().answerTruncatedJson(true);
        assertThat(Http.text(get(LEADER))).isEqualTo(whole.substring(0, whole.length() / 2));
        etcd.faults().clear();

        etcd.stop();
        assertThatThrownBy(() -> Http.tryGet(etcd.baseUri(), LEADER)).isInstanceOf(ConnectException.class);
        etcd.start();
        assertThat(get(LEADER).statusCode()).isEqualTo(200);
    }

    @Test
    void countsRequestsAndRefusesWhatItDoesNotSimulate() {
        etcd.setLeader("127.0.0.1:9999");
        get(LEADER);
        assertThat(get(LEADER + "?wait=true&waitIndex=4").statusCode()).as("the set, from the history")
                .isEqualTo(200);
        assertThat(get("/v3/kv/range").statusCode()).isEqualTo(404);

        assertThat(etcd.requestCount("/v2/keys/contiv.io/lock/netmaster/leader")).isEqualTo(2);
        assertThat(etcd.totalRequests()).isEqualTo(3);
    }

    @Test
    void aStreamingWatchSendsEveryChangeBelowItsKeyAndAnIndexTooOldIsRefused() throws Exception {
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(CLUSTER);
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(etcd.baseUri()
                        + "/v2/keys/contiv.io/state/eps?wait=true&recursive=true&stream=true")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("X-Etcd-Index")).hasValue(Long.toString(etcd.index()));
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();

        Endpoint endpoint = CLUSTER.endpoints().get(1);
        etcd.putEndpoint(endpoint);
        etcd.setLeader("127.0.0.1:9998");
        etcd.deleteEndpoint(endpoint);

        JsonNode set = MAPPER.readTree(lines.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(set.get("action").asText()).isEqualTo("set");
        assertThat(set.get("node").get("key").asText()).isEqualTo(EtcdStandIn.ENDPOINT_STATE_DIR + "/"
                + endpoint.key());
        assertThat(set.get("prevNode").get("value").asText()).isEqualTo(set.get("node").get("value").asText());
        JsonNode deleted = MAPPER.readTree(lines.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(deleted.get("action").asText()).isEqualTo("delete");
        assertThat(deleted.get("node").has("value")).isFalse();
        assertThat(get("/v2/keys/contiv.io/state/eps/" + endpoint.key()).statusCode()).isEqualTo(404);

        HttpResponse<byte[]> tooOld = get("/v2/keys/contiv.io/state/eps?wait=true&recursive=true&waitIndex=2");
        assertThat(tooOld.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(tooOld.body()).get("errorCode").asInt()).isEqualTo(401);
    }

    @Test
    void servesAMillionEndpointClusterWithoutCopyingIt() {
        SimulatedCluster large = SimulatedCluster.generate(ClusterSpec.defaults().withNodes(100).withEndpointsPerNode(10_000));
        etcd.setLeader("127.0.0.1:9999");
        etcd.setCluster(large);
        Endpoint last = large.endpoints().get(999_999);

        HttpResponse<byte[]> response = get("/v2/keys/contiv.io/state/eps/" + last.key());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.text(response)).contains(last.endpointID()).contains("\"modifiedIndex\":1000004,");
        assertThat(etcd.index()).isEqualTo(1_000_004);
    }

    private HttpResponse<byte[]> get(String path) {
        return Http.get(etcd.baseUri(), path);
    }
}
