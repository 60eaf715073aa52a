package io.contiv.exporter.simulation.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.Http;
import io.contiv.exporter.simulation.SimulatedCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the same keys, in the same order, to a real etcd and to the stand-in, and compares the
 * answers byte for byte: bodies, status codes, indices. The tests run in order because each step
 * builds on the store the previous ones left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdStandInMatchesRealEtcdTest {

    private static final String LEADER_URL = "/v2/keys/contiv.io/lock/netmaster/leader";
    private static final SimulatedCluster CLUSTER =
            SimulatedCluster.generate(ClusterSpec.defaults().withSeed(3).withNodes(3).withEndpointsPerNode(4));

    private Optional<RealEtcd> started = Optional.empty();
    private RealEtcd real;
    private EtcdStandIn standIn;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        started = RealEtcd.startIfInstalled(work);
        real = started.orElse(null);
        standIn = EtcdStandIn.servingEmptyStore();
    }

    @BeforeEach
    void skipWithoutEtcd() {
        Assumptions.assumeTrue(started.isPresent(), "etcd is not on the PATH");
    }

    @AfterAll
    void stop() throws Exception {
        if (standIn != null) {
            standIn.close();
        }
        if (started.isPresent()) {
            started.get().close();
        }
    }

    @Test
    @Order(1)
    void freshStoreHasNoLeader() {
        assertSameAnswer(LEADER_URL);
        assertSameAnswer("/v2/keys/");
        // what the endpoint watch asks after a quiet while
        assertSameAnswer("/version");
    }

    @Test
    @Order(2)
    void leaderLock() throws Exception {
        real.put(EtcdStandIn.LEADER_KEY, "127.0.0.1:9999");
        standIn.setLeader("127.0.0.1:9999");

        assertSameAnswer(LEADER_URL);
        assertSameAnswer(LEADER_URL + "/");

        real.put(EtcdStandIn.LEADER_KEY, "127.0.0.1:9998");
        standIn.setLeader("127.0.0.1:9998");
        assertSameAnswer(LEADER_URL);
    }

    @Test
    @Order(3)
    void endpointStates() throws Exception {
        List<Endpoint> endpoints = CLUSTER.endpoints();
        for (Endpoint endpoint : endpoints) {
            real.put(EtcdStandIn.ENDPOINT_STATE_DIR + "/" + endpoint.key(), EndpointStateJson.render(endpoint));
        }
        standIn.setCluster(CLUSTER);

        // unsorted listings come in Go map order from etcd, so compare sorted ones
        assertSameAnswer("/v2/keys/contiv.io/state/eps/?recursive=true&sorted=true");
        assertSameAnswer("/v2/keys/contiv.io/state/eps?sorted=true");
        assertSameAnswer("/v2/keys/contiv.io/?recursive=true&sorted=true");
        assertSameAnswer("/v2/keys/contiv.io/?sorted=true");
        assertSameAnswer("/v2/keys/?sorted=true");
        assertSameAnswer("/v2/keys/contiv.io/state/eps/" + endpoints.get(5).key());
    }

    @Test
    @Order(4)
    void errors() {
        assertSameAnswer("/v2/keys/contiv.io/lock/x/y");
        assertSameAnswer("/v2/keys/contiv.io/state/eps/net0-0.default-000000000000");
        assertSameAnswer(LEADER_URL + "/deeper");
        assertSameAnswer("/v2/keys/contiv.io/state/eps/" + CLUSTER.endpoints().get(0).key() + "/deeper");
    }

    @Test
    @Order(5)
    void watchesAnswerFromTheEventHistory() throws Exception {
        Endpoint endpoint = CLUSTER.endpoints().get(3);
        String key = EtcdStandIn.ENDPOINT_STATE_DIR + "/" + endpoint.key();
        Endpoint renamed = new Endpoint(endpoint.endpointID(), endpoint.containerID(), "renamed",
                endpoint.tenantName(), endpoint.networkName(), endpoint.homingHost(), endpoint.ipAddress(),
                endpoint.macAddress(), endpoint.vtepIP(), endpoint.interfaceName(), endpoint.group());
        real.put(key, EndpointStateJson.render(renamed));
        standIn.putEndpoint(renamed);
        long set = standIn.index();
        real.delete(key);
        standIn.deleteEndpoint(renamed);

        assertSameAnswer("/v2/keys/contiv.io/state/eps?wait=true&recursive=true&waitIndex=" + set);
        assertSameAnswer("/v2/keys/contiv.io/state/eps?wait=true&recursive=true&waitIndex=" + (set + 1));
        assertSameAnswer("/v2/keys" + key + "?wait=true&waitIndex=" + set);
        assertSameAnswer("/v2/keys" + key);
        assertSameAnswer("/v2/keys/contiv.io/state/eps?sorted=true");
    }

    private void assertSameAnswer(String pathAndQuery) {
        HttpResponse<byte[]> expected = Http.get(real.baseUri(), pathAndQuery);
        HttpResponse<byte[]> actual = Http.get(standIn.baseUri(), pathAndQuery);

        assertThat(actual.statusCode()).as("status of %s", pathAndQuery).isEqualTo(expected.statusCode());
        assertThat(Http.text(actual)).as("body of %s", pathAndQuery).isEqualTo(Http.text(expected));
        assertThat(actual.headers().firstValue("X-Etcd-Index")).as("X-Etcd-Index of %s", pathAndQuery)
                .isEqualTo(expected.headers().firstValue("X-Etcd-Index"));
        assertThat(actual.headers().firstValue("Content-Type")).as("Content-Type of %s", pathAndQuery)
                .isEqualTo(expected.headers().firstValue("Content-Type"));
    }

}
