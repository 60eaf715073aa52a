package io.contiv.exporter.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.etcd.EtcdStandIn;
import io.contiv.exporter.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdClientTest {

    private static final String LEADER_KEY = EtcdLeaderLocator.LEADER_KEY;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anEndpointThatFailsIsLeftForTheNextOneWhichIsKeptAfterwards() throws Exception {
        try (EtcdStandIn first = EtcdStandIn.servingEmptyStore(); EtcdStandIn second = EtcdStandIn.servingEmptyStore()) {
            first.setLeader("10.0.0.1:9999");
            second.setLeader("10.0.0.1:9999");
            EtcdClient etcd = new EtcdClient(List.of(first.baseUri(), second.baseUri()), http, Duration.ofSeconds(2));
            assertThat(etcd.get(LEADER_KEY)).contains("10.0.0.1:9999");
            assertThat(second.totalRequests()).isZero();

            first.stop();
            assertThat(etcd.get(LEADER_KEY)).contains("10.0.0.1:9999");
            first.start();
            first.resetRequestCounts();
            assertThat(etcd.get(LEADER_KEY)).contains("10.0.0.1:9999");

            assertThat(first.totalRequests()).as("the endpoint that failed is not asked first again").isZero();
            assertThat(second.totalRequests()).isEqualTo(2);
        }
    }

    @Test
    void whenNoEndpointAnswersTheFailureNamesEach() {
        URI dead = URI.create("http://127.0.0.1:" + FreePorts.loopbackPort());
        EtcdClient etcd = new EtcdClient(List.of(dead), http, Duration.ofSeconds(2));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> etcd.get(LEADER_KEY)))
                .isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("no etcd endpoint answered: GET " + dead + "/v2/keys" + LEADER_KEY)
                .hasMessageContaining("cannot connect");
    }
}
