package io.contiv.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.support.FreshEveryScrape;
import io.contiv.exporter.testing.TestPki;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics server behind a web configuration, end to end over loopback: TLS with certificates openssl made,
 * basic auth with bcrypt hashes, client certificates, response headers, rate limit, and reloading.
 */
class SecureServerTest {

    private static final String PASSWORD = "scrape-secret";
    private static String hash;
    private static TestPki pki;
    private static Exposition exposition;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        hash = BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray());
        Counter scrapes = Counter.builder().name("contiv_test_scrapes").help("test").build();
        scrapes.inc();
        exposition = FreshEveryScrape.exposition(() -> List.of(scrapes.collect()));
    }

    @AfterAll
    static void tearDown() {
        if (pki != null) {
            pki.close();
        }
    }

    @Test
    void tlsServesMetricsToAClientTrustingTheCa() throws Exception {
        Path config = write("web-tls.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                http_server_config:
                  headers:
                    X-Content-Type-Options: nosniff
                    X-Frame-Options: deny
                """);
        try (MetricsServer server = start(WebSecurity.load(config))) {
            HttpResponse<String> response = send(client(pki.clientContext(null)), server, "/metrics", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("contiv_test_scrapes_total 1.0");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("deny");
            assertThat(response.sslSession()).isPresent();
            assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

            // the landing page too
            assertThat(send(client(pki.clientContext(null)), server, "/", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
        Path config = write("web-tls-plain.yml", "tls_server_config: {cert_file: server.crt, key_file: server.key}\n");
        try (MetricsServer server = start(WebSecurity.load(config))) {
            String answer = rawHttp(server.port());
            assertThat(answer).doesNotStartWith("HTTP/1.1 200").doesNotContain("contiv_test_scrapes");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            int status = status(() -> plain.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThat(status).isNotEqualTo(200);
        }
    }

    @Test
    void basicAuthLetsTheRightPasswordInAndTurnsOthersAway() throws Exception {
        Path config = write("web-auth.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  prometheus: '%s'
                """.formatted(hash));
        try (MetricsServer server = start(WebSecurity.load(config))) {
            HttpClient client = client(pki.clientContext(null));
            HttpResponse<String> ok = send(client, server, "/metrics", basic("prometheus", PASSWORD));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("contiv_test_scrapes_total");

            HttpResponse<String> wrong = send(client, server, "/metrics", basic("prometheus", "wrong"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic "));
            assertThat(wrong.body()).doesNotContain("contiv_test_scrapes");

            assertThat(send(client, server, "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(send(client, server, "/metrics", basic("nobody", PASSWORD)).statusCode()).isEqualTo(401);
            assertThat(send(client, server, "/metrics", "Basic !!!not-base64").statusCode()).isEqualTo(401);
            assertThat(send(client, server, "/", basic("prometheus", "wrong")).statusCode()).isEqualTo(401);
            assertThat(send(client, server, "/-/healthy", null).statusCode()).isEqualTo(401);
            // and again, from the cache
            assertThat(send(client, server, "/metrics", basic("prometheus", PASSWORD)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void basicAuthWorksOverPlainHttpToo() throws Exception {
        Path config = write("web-auth-only.yml", "basic_auth_users:\n  prometheus: '" + hash + "'\n");
        try (MetricsServer server = start(WebSecurity.load(config))) {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(plainStatus(plain, server, basic("prometheus", PASSWORD))).isEqualTo(200);
            assertThat(plainStatus(plain, server, basic("prometheus", PASSWORD + "x"))).isEqualTo(401);
        }
    }

    @Test
    void requireAndVerifyClientCertTurnsAwayClientsWithoutACertificateFromTheClientCa() throws Exception {
        Path config = write("web-mtls.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_ca_file: client-ca.crt
                  client_auth_type: RequireAndVerifyClientCert
                """);
        try (MetricsServer server = start(WebSecurity.load(config))) {
            assertThat(status(() -> send(client(pki.clientContext("client")), server, "/metrics", null).statusCode()))
                    .isEqualTo(200);
            assertThat(status(() -> send(client(pki.clientContext(null)), server, "/metrics", null).statusCode()))
                    .isEqualTo(-1);
            assertThat(status(() -> send(client(pki.clientContext("stranger", true)), server, "/metrics", null)
                    .statusCode())).isEqualTo(-1);
        }
    }

    @Test
    void requireAnyClientCertTakesAnyCertificateButNeedsOne() throws Exception {
        Path config = write("web-any-cert.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAnyClientCert
                """);
        try (MetricsServer server = start(WebSecurity.load(config))) {
            assertThat(status(() -> send(client(pki.clientContext("stranger")), server, "/metrics", null)
                    .statusCode())).isEqualTo(200);
            assertThat(status(() -> send(client(pki.clientContext(null)), server, "/metrics", null).statusCode()))
                    .isEqualTo(-1);
        }
    }

    @Test
    void clientAllowedSansNarrowsTheCertificatesAccepted() throws Exception {
        String base = """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_ca_file: client-ca.crt
                  client_auth_type: RequireAndVerifyClientCert
                  client_allowed_sans: [%s]
                """;
        try (MetricsServer server = start(WebSecurity.load(write("web-san-ok.yml",
                base.formatted("prometheus.monitoring"))))) {
            assertThat(status(() -> send(client(pki.clientContext("client")), server, "/metrics", null).statusCode()))
                    .isEqualTo(200);
        }
        try (MetricsServer server = start(WebSecurity.load(write("web-san-no.yml", base.formatted("other"))))) {
            assertThat(status(() -> send(client(pki.clientContext("client")), server, "/metrics", null).statusCode()))
                    .isEqualTo(-1);
        }
    }

    @Test
    void verifyClientCertIfGivenLetsClientsWithoutOneIn() throws Exception {
        Path config = write("web-optional-mtls.yml", """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_ca_file: client-ca.crt
                  client_auth_type: VerifyClientCertIfGiven
                """);
        try (MetricsServer server = start(WebSecurity.load(config))) {
            assertThat(status(() -> send(client(pki.clientContext(null)), server, "/metrics", null).statusCode()))
                    .isEqualTo(200);
            assertThat(status(() -> send(client(pki.clientContext("client")), server, "/metrics", null).statusCode()))
                    .isEqualTo(200);
            // a JDK client sends no certificate the server's CA list does not cover; one that insists is refused
            assertThat(status(() -> send(client(pki.clientContext("stranger")), server, "/metrics", null)
                    .statusCode())).isEqualTo(200);
            assertThat(status(() -> send(client(pki.clientContext("stranger", true)), server, "/metrics", null)
                    .statusCode())).isEqualTo(-1);
        }
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenOneLeavesTheLastGoodInForce() throws Exception {
        AtomicLong clock = new AtomicLong();
        Path config = write("web-reload.yml", """
                tls_server_config: {cert_file: server.crt, key_file: server.key}
                basic_auth_users: {prometheus: '%s'}
                """.formatted(hash));
        WebSecurity security = WebSecurity.load(config, clock::get);
        try (MetricsServer server = start(security)) {
            BigInteger firstSerial = serial(send(client(pki.clientContext(null)), server, "/metrics",
                    basic("prometheus", PASSWORD)));

            String newHash = BCrypt.withDefaults().hashToString(4, "rotated".toCharArray());
            Files.writeString(config, """
                    tls_server_config: {cert_file: server2.crt, key_file: server2.key}
                    basic_auth_users: {prometheus: '%s'}
                    http_server_config: {headers: {X-Frame-Options: sameorigin}}
                    """.formatted(newHash));
            // not yet: the file is looked at no more than once a second
            assertThat(send(client(pki.clientContext(null)), server, "/metrics", basic("prometheus", PASSWORD))
                    .statusCode()).isEqualTo(200);

            clock.addAndGet(WebSecurity.CHECK_INTERVAL_NANOS);
            HttpResponse<String> rotated = send(client(pki.clientContext(null)), server, "/metrics",
                    basic("prometheus", "rotated"));
            assertThat(rotated.statusCode()).isEqualTo(200);
            assertThat(rotated.headers().firstValue("X-Frame-Options")).hasValue("sameorigin");
            assertThat(serial(rotated)).isNotEqualTo(firstSerial);
            assertThat(send(client(pki.clientContext(null)), server, "/metrics", basic("prometheus", PASSWORD))
                    .statusCode()).isEqualTo(401);

            Files.writeString(config, "tls_server_config: {cert_file: server2.crt, key_file: server2.key, typo: 1}\n");
            clock.addAndGet(WebSecurity.CHECK_INTERVAL_NANOS);
            assertThat(send(client(pki.clientContext(null)), server, "/metrics", basic("prometheus", "rotated"))
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rateLimitAnswers429PastTheBurst() throws Exception {
        Path config = write("web-rate.yml", "rate_limit: {interval: 1h, burst: 2}\n");
        try (MetricsServer server = start(WebSecurity.load(config))) {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThat(plainStatus(plain, server, null)).isEqualTo(200);
            assertThat(plainStatus(plain, server, null)).isEqualTo(200);
            assertThat(plainStatus(plain, server, null)).isEqualTo(429);
        }
    }

    // ---- helpers

    private static Path write(String name, String content) {
        return pki.write(name, content);
    }

    private static MetricsServer start(WebSecurity security) throws IOException {
        return MetricsServer.start(exposition, new ListenAddress("127.0.0.1", 0), "/metrics", "test", security);
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient client, MetricsServer server, String path,
                                             String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int plainStatus(HttpClient client, MetricsServer server, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/metrics")).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static BigInteger serial(HttpResponse<?> response) throws Exception {
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    interface StatusCall {
        int call() throws Exception;
    }

    /** The status code, or -1 when the connection failed (handshake refused, reset, closed). */
    private static int status(StatusCall call) throws Exception {
        try {
            return call.call();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Sends a plain HTTP request over a bare socket and returns whatever comes back before the server closes. */
    private static String rawHttp(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(4096);
            return new String(answer, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            return "";
        }
    }
}
