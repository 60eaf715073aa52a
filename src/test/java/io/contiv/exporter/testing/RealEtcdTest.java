package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RealEtcdTest {

    private static final String LEADER_KEY = "/contiv.io/lock/netmaster/leader";

    @BeforeEach
    void requireEtcd() {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
    }

    @Test
    void leaderLockWrittenThroughV2IsReadableTheWayTheOriginalExporterReadsIt() throws Exception {
        try (RealEtcd etcd = RealEtcd.start()) {
            etcd.putV2(LEADER_KEY, "127.0.0.1:9999");

            assertThat(etcd.getV2(LEADER_KEY)).contains("127.0.0.1:9999");
            String body = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v2/keys/contiv.io/lock/netmaster/leader")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"key\":\"" + LEADER_KEY + "\"", "\"value\":\"127.0.0.1:9999\"");

            etcd.deleteV2(LEADER_KEY);
            assertThat(etcd.getV2(LEADER_KEY)).isEmpty();
        }
    }

    @Test
    void v3PutIsReadBackThroughTheJsonGatewayAndIsSeparateFromV2() {
        try (RealEtcd etcd = RealEtcd.start()) {
            etcd.putV3(LEADER_KEY, "10.0.0.5:9999");

            assertThat(etcd.getV3(LEADER_KEY)).contains("10.0.0.5:9999");
            // etcd keeps v2 and v3 keys in separate stores.
            assertThat(etcd.getV2(LEADER_KEY)).isEmpty();
        }
    }

    @Test
    void withClientTlsServesHttpsOnlyToCertificatesOfItsCa() throws Exception {
        try (TestPki pki = TestPki.empty()) {
            pki.ca("ca");
            pki.server("server", "ca");
            pki.client("fixture", "ca", "fixture");
            try (RealEtcd etcd = RealEtcd.start(RealEtcd.ClientTls.from(pki, "ca", "server", "fixture"))) {
                etcd.putV2(LEADER_KEY, "127.0.0.1:9999");
                assertThat(etcd.getV2(LEADER_KEY)).contains("127.0.0.1:9999");
                assertThat(etcd.endpoint()).startsWith("https://127.0.0.1:");

                HttpClient anonymous = HttpClient.newBuilder().sslContext(pki.clientContext("ca", null, false))
                        .build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/v2/keys" + LEADER_KEY))
                        .timeout(Duration.ofSeconds(10)).build();
                assertThat(catchThrowable(() -> anonymous.send(request, HttpResponse.BodyHandlers.ofString())))
                        .isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void restartKeepsPortAndData() {
        try (RealEtcd etcd = RealEtcd.start()) {
            etcd.putV2(LEADER_KEY, "127.0.0.1:9999");
            etcd.putV3(LEADER_KEY, "127.0.0.1:9998");
            String endpoint = etcd.endpoint();

            etcd.stop();
            assertThat(etcd.isRunning()).isFalse();
            etcd.restart();

            assertThat(etcd.endpoint()).isEqualTo(endpoint);
            assertThat(etcd.getV2(LEADER_KEY)).contains("127.0.0.1:9999");
            assertThat(etcd.getV3(LEADER_KEY)).contains("127.0.0.1:9998");
        }
    }
}
