package io.contiv.exporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real single-member etcd with the v2 API enabled (Contiv reads its leader lock through v2), on loopback
 * ports, with its data directory in a temporary directory. With {@link ClientTls}, its client URL is https and it
 * accepts only clients with a certificate from the trusted CA ({@code --client-cert-auth}), this fixture included.
 */
public final class RealEtcd implements AutoCloseable {

    /**
     * How a hardened etcd serves clients: its certificate and key, the CA its clients' certificates must come from,
     * and the TLS context this fixture itself connects with.
     */
    public record ClientTls(Path certificate, Path key, Path trustedCa, javax.net.ssl.SSLContext fixtureContext) {

        /** From the certificates of {@code pki}: the server's and the fixture client's, both of {@code ca}. */
        public static ClientTls from(TestPki pki, String ca, String server, String fixtureClient) {
            return new ClientTls(pki.file(server + ".crt"), pki.file(server + ".key"), pki.file(ca + ".crt"),
                    pki.clientContext(ca, fixtureClient, false));
        }
    }

    public static final List<String> REQUIRED_BINARIES = List.of("etcd");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Binaries binaries;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final TemporaryDirectory directory;
    private final String memberName;
    private final int clientPort;
    private final int peerPort;
    private final ClientTls tls;
    private ExternalProcess process;

    private RealEtcd(Binaries binaries, TemporaryDirectory directory, int clientPort, int peerPort, ClientTls tls) {
        this.binaries = binaries;
        this.directory = directory;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.tls = tls;
        this.memberName = "contiv-fixture-" + UUID.randomUUID();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT);
        this.http = (tls == null ? builder : builder.sslContext(tls.fixtureContext())).build();
        this.mapper = new ObjectMapper();
    }

    public static RealEtcd start() {
        return start(Binaries.fromEnvironment());
    }

    public static RealEtcd start(Binaries binaries) {
        return start(binaries, null);
    }

    /** An etcd that serves clients over https and requires a client certificate from {@code tls}'s CA. */
    public static RealEtcd start(ClientTls tls) {
        return start(Binaries.fromEnvironment(), tls);
    }

    private static RealEtcd start(Binaries binaries, ClientTls tls) {
        return PortConflictRetry.start("etcd", () -> {
            List<Integer> ports = FreePorts.loopbackPorts(2);
            RealEtcd etcd = new RealEtcd(binaries, TemporaryDirectory.create("contiv-etcd-"), ports.get(0), ports.get(1),
                    tls);
            try {
                etcd.launch();
                return etcd;
            } catch (RuntimeException e) {
                etcd.close();
                throw e;
            }
        });
    }

    private void launch() {
        String clientUrl = endpoint();
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of(
                binaries.require("etcd").toString(),
                "--name=" + memberName,
                "--data-dir=" + directory.resolve("data"),
                "--listen-client-urls=" + clientUrl,
                "--advertise-client-urls=" + clientUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=" + memberName + "=" + peerUrl,
                "--initial-cluster-token=" + memberName,
                "--initial-cluster-state=new",
                "--enable-v2=true",
                // A lone member still waits one election timeout after a restart; the default (1 s) slows tests.
                "--heartbeat-interval=25",
                "--election-timeout=250",
                "--logger=zap",
                "--log-outputs=stderr"));
        if (tls != null) {
            command.addAll(List.of("--client-cert-auth", "--trusted-ca-file=" + tls.trustedCa(),
                    "--cert-file=" + tls.certificate(), "--key-file=" + tls.key()));
        }
        process = ExternalProcess.start("etcd", command, logFile());
        process.awaitCondition("GET " + endpoint() + "/health says healthy", STARTUP_TIMEOUT,
                () -> send(HttpRequest.newBuilder(URI.create(endpoint() + "/health")).GET()).body()
                        .contains("\"health\":\"true\""));
    }

    /** The client URL, e.g. "http://127.0.0.1:2379" (https with {@link ClientTls}). */
    public String endpoint() {
        return scheme() + "://127.0.0.1:" + clientPort;
    }

    private String scheme() {
        return tls == null ? "http" : "https";
    }

    public int clientPort() {
        return clientPort;
    }

    public int peerPort() {
        return peerPort;
    }

    /** What etcd logged (JSON lines), across restarts. */
    public Path logFile() {
        return directory.resolve("etcd.log");
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** PUT through the v2 keys API; {@code key} is absolute, e.g. "/contiv.io/lock/netmaster/leader". */
    public void putV2(String key, String value) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(v2KeyUri(key))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("value=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        expectStatus(response, "PUT v2 " + key, 200, 201);
    }

    public Optional<String> getV2(String key) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(v2KeyUri(key)).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectStatus(response, "GET v2 " + key, 200);
        return Optional.of(readJson(response.body()).path("node").path("value").asText());
    }

    public void deleteV2(String key) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(v2KeyUri(key)).DELETE());
        expectStatus(response, "DELETE v2 " + key, 200, 404);
    }

    /** PUT through the v3 gRPC JSON gateway (keys and values travel base64-encoded). */
    public void putV3(String key, String value) {
        postV3("/v3/kv/put", Map.of("key", base64(key), "value", base64(value)));
    }

    public Optional<String> getV3(String key) {
        JsonNode kvs = postV3("/v3/kv/range", Map.of("key", base64(key))).path("kvs");
        if (kvs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(kvs.get(0).path("value").asText()),
                StandardCharsets.UTF_8));
    }

    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** Stops and starts again with the same member, ports and data directory. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            directory.close();
        }
    }

    private JsonNode postV3(String path, Map<String, String> body) {
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))));
            expectStatus(response, "POST " + path, 200);
            return readJson(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI v2KeyUri(String key) {
        if (!key.startsWith("/")) {
            throw new IllegalArgumentException("etcd key must start with '/': " + key);
        }
        try {
            return new URI(scheme(), null, "127.0.0.1", clientPort, "/v2/keys" + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad etcd key " + key, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("etcd request to " + endpoint() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("etcd answered with invalid JSON: " + body, e);
        }
    }

    private static void expectStatus(HttpResponse<String> response, String what, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(what + " answered HTTP " + response.statusCode() + ": " + response.body());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
