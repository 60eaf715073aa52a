package io.contiv.exporter.simulation.etcd;

import io.contiv.exporter.simulation.Http;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd (3.4, v2 API enabled) on free loopback ports with its data in a temporary directory,
 * for comparing the stand-in with the real thing. Absent when {@code etcd} is not on the PATH (tests
 * then skip), unless {@code CONTIV_EXPORTER_REQUIRE_REAL=1} demands it.
 */
final class RealEtcd implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 15_000;

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private RealEtcd(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts etcd; empty when it is not installed, which fails instead when real services are required. */
    static Optional<RealEtcd> startIfInstalled(Path workDirectory) throws IOException, InterruptedException {
        Optional<Path> binary = findOnPath("etcd");
        if (binary.isEmpty()) {
            if ("1".equals(System.getenv("CONTIV_EXPORTER_REQUIRE_REAL"))) {
                throw new AssertionError("etcd is not on the PATH but CONTIV_EXPORTER_REQUIRE_REAL=1");
            }
            return Optional.empty();
        }
        String client = "http://127.0.0.1:" + freePort();
        String peer = "http://127.0.0.1:" + freePort();
        Path log = workDirectory.resolve("etcd.log");
        Process process = new ProcessBuilder(List.of(binary.get().toString(),
                "--name", "stand-in-check",
                "--enable-v2=true",
                "--data-dir", workDirectory.resolve("data").toString(),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "stand-in-check=" + peer))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RealEtcd etcd = new RealEtcd(process, URI.create(client), log);
        try {
            etcd.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            etcd.close();
            throw e;
        }
        return Optional.of(etcd);
    }

    URI baseUri() {
        return baseUri;
    }

    /** Sets a key like {@code curl -XPUT .../v2/keys/<key> -d value=...}. */
    void put(String key, String value) throws IOException {
        String form = "value=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = Http.put(baseUri, "/v2/keys" + key, form);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("PUT " + key + ": " + response.statusCode() + " " + Http.text(response));
        }
    }

    void delete(String key) throws IOException {
        HttpResponse<byte[]> response = Http.delete(baseUri, "/v2/keys" + key);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("DELETE " + key + ": " + response.statusCode() + " " + Http.text(response));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Waits for health and for the bootstrap writes, after which a fresh store is at index 3. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<byte[]> health = Http.tryGet(baseUri, "/health");
                long index = Http.tryGet(baseUri, "/v2/keys/").headers().firstValueAsLong("X-Etcd-Index").orElse(0);
                if (health.statusCode() == 200 && Http.text(health).contains("true")
                        && index >= EtcdKeySpace.FRESH_STORE_INDEX) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(50);
        }
        throw new IOException("etcd did not become ready in " + START_TIMEOUT_MILLIS + " ms:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
