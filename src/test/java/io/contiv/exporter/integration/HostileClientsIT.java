package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.contiv.exporter.app.Demo;
import io.contiv.exporter.app.Exporter;
import io.contiv.exporter.app.ExporterOptions;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.HostileClients;
import io.contiv.exporter.testing.TestPki;
import io.contiv.exporter.web.WebSecurity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The exporter's port under attack from loopback, as the sidecars' host-network port may be: 64 connections stalled
 * half-way through a request, 1,000 that send nothing, 16 clients that ask for the metrics (4 times each, pipelined)
 * and never read, and
 * requests that are not HTTP; over TLS with basic auth also 64 stalled handshakes and a stream of wrong passwords.
 * Meanwhile 20 scrapes, one every half second, must each be answered within a second; every stalled connection
 * must be closed by the server within 15 s of being opened, and the exporter's own counters must show what it
 * turned away.
 *
 * <p>Needs about 2,600 open files in this JVM (client and server ends of every connection): {@code ulimit -n 4096}
 * or more; the JVM raises its soft limit to the hard one by itself.
 */
class HostileClientsIT {

    private static final int STALLED = 64;
    private static final int IDLE = 1_000;
    private static final int NON_READERS = 16;
    /** Requests each non-reader sends at once (pipelined). */
    private static final int PIPELINED = 4;
    private static final int SCRAPES = 20;
    private static final Duration SCRAPE_SPACING = Duration.ofMillis(500);
    private static final long SCRAPE_MILLIS = 1_000;
    private static final long CLOSED_WITHIN_MILLIS = 15_000;
    private static final long OPEN_FILES_NEEDED = 4_096;
    private static final String PASSWORD = "scrape-secret";

    @Test
    void theDemoAnswersEveryScrapeWhileHostileClientsHoldItsPort() throws Exception {
        requireOpenFiles();
        try (Demo demo = Demo.start(ClusterSpec.defaults(), MetricNaming.PROMETHEUS, new int[] {0, 0},
                Duration.ofSeconds(1))) {
            attack(demo.netpluginPort(), null, null);
        }
    }

    @Test
    void overTlsWithBasicAuthToo() throws Exception {
        requireOpenFiles();
        try (SimulatedNode node = SimulatedNode.start(ClusterSpec.defaults(), Demo.NODE, Duration.ofSeconds(1));
             TestPki pki = TestPki.create()) {
            Path webConfig = pki.tlsWithBasicAuth("web-hostile.yml", "prometheus",
                    BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray()));
            try (Exporter exporter = Exporter.create(ExporterOptions.parse("--mode", "netplugin", "--etcd",
                    node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress(), "--node.name", Demo.NODE));
                 MetricsServer server = exporter.serve(new ListenAddress("127.0.0.1", 0), "/metrics", "secured",
                         WebSecurity.load(webConfig))) {
                attack(server.port(), pki.clientContext(null), basic("prometheus", PASSWORD));
            }
        }
    }

    private static void attack(int port, SSLContext tls, String authorization) throws Exception {
        boolean secured = tls != null;
        try (HostileClients attacker = new HostileClients(port, tls, authorization);
             CapturedLog log = CapturedLog.start()) {
            awaitFirstCompleteScrape(attacker);
            log.clear();

            attacker.stallHalfRequests(STALLED);
            if (secured) {
                attacker.stallHandshakes(STALLED);
            }
            attacker.idle(IDLE);
            attacker.nonReaders(NON_READERS, PIPELINED);
            long allOpened = System.nanoTime();

            CompletableFuture<List<HostileClients.Outcome>> malformed = CompletableFuture.supplyAsync(() -> {
                try {
                    List<HostileClients.Outcome> outcomes = new ArrayList<>(attacker.malformed());
                    if (secured) {
                        outcomes.add(plainHttpToTlsPort(port));
                    }
                    return outcomes;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Integer> wrongPasswords = secured
                    ? CompletableFuture.supplyAsync(() -> wrongPasswords(port, tls, Duration.ofSeconds(8)))
                    : CompletableFuture.completedFuture(0);

            List<HostileClients.Scrape> scrapes = new ArrayList<>();
            long next = System.nanoTime();
            for (int i = 0; i < SCRAPES; i++) {
                scrapes.add(attacker.scrape());
                next += SCRAPE_SPACING.toNanos();
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            }
            List<HostileClients.Outcome> outcomes = malformed.get(60, TimeUnit.SECONDS);
            int wrongTries = wrongPasswords.get(60, TimeUnit.SECONDS);

            String report = "held " + attacker.held() + " connections; scrapes (status/ms): " + scrapes.stream()
                    .map(s -> s.status() + "/" + s.millis()).toList() + "; malformed: " + outcomes
                    + "; wrong passwords tried: " + wrongTries;
            System.out.println("HOSTILE-CLIENTS " + (secured ? "tls+auth " : "plain ") + report);
            assertThat(scrapes).as(report).allSatisfy(scrape -> {
                assertThat(scrape.status()).isEqualTo(200);
                assertThat(scrape.millis()).isLessThan(SCRAPE_MILLIS);
                assertThat(scrape.body()).contains("contiv_endpoint_info{").endsWith("# EOF\n");
            });
            assertThat(outcomes).as(report).allSatisfy(outcome -> {
                assertThat(outcome.status()).as(outcome.what()).matches(s -> s == -1 || s >= 400 && s < 500);
                assertThat(outcome.millis()).as(outcome.what()).isLessThan(2_000);
            });

            TimeUnit.NANOSECONDS.sleep(Math.max(0, allOpened + CLOSED_WITHIN_MILLIS * 1_000_000 - System.nanoTime()));
            assertThat(attacker.notClosedByServer(2_000)).as("connections the server still holds open "
                    + Duration.ofMillis(CLOSED_WITHIN_MILLIS) + " after they were opened").isEmpty();

            Map<String, Double> counters = ExpositionText.samples(attacker.scrape().body().replace("# EOF\n", ""));
            assertThat(counters.get("contiv_exporter_http_open_connections")).as("connections open on the server "
                    + "side, the scrape that asks included").isEqualTo(1.0);
            System.out.println("HOSTILE-CLIENTS counters " + counters.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("contiv_exporter_http_")).toList());
            int stalled = STALLED * (secured ? 2 : 1) + IDLE;
            assertThat(timeouts(counters, "read_header") + rejected(counters, "too_many_connections"))
                    .as("stalled and idle connections closed").isGreaterThanOrEqualTo(stalled);
            // a non-reader whose answers fit in the socket buffers looks done to the server: it is closed as idle
            assertThat(timeouts(counters, "write") + timeouts(counters, "idle")).as("non-readers cut off")
                    .isGreaterThanOrEqualTo(NON_READERS);
            // each answer a malformed request got is counted under its reason; a request whose connection was
            // closed first (to make room past --web.max-connections) is counted there instead
            assertThat(rejected(counters, "malformed")).as(report)
                    .isGreaterThanOrEqualTo(answered(outcomes, 400, 426, 505)).isGreaterThanOrEqualTo(1);
            assertThat(rejected(counters, "header_too_large")).as(report)
                    .isGreaterThanOrEqualTo(answered(outcomes, 431));
            assertThat(rejected(counters, "method")).as(report).isGreaterThanOrEqualTo(answered(outcomes, 405));
            assertThat(answered(outcomes, 400, 426, 505, 431, 405)).as(report)
                    .isGreaterThanOrEqualTo(outcomes.size() / 2);
            if (secured) {
                assertThat(rejected(counters, "tls_handshake")).isGreaterThanOrEqualTo(1);
                assertThat(rejected(counters, "unauthorized")).isGreaterThanOrEqualTo(1);
            }
            // what was turned away is summed up, not logged request by request
            assertThat(log.lines()).as(String.join("\n", log.lines())).hasSizeLessThanOrEqualTo(2);
        }
    }

    /** How many of the malformed requests got one of these statuses. */
    private static double answered(List<HostileClients.Outcome> outcomes, int... statuses) {
        return outcomes.stream().filter(o -> Arrays.stream(statuses).anyMatch(s -> s == o.status()))
                .count();
    }

    private static void awaitFirstCompleteScrape(HostileClients client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HostileClients.Scrape scrape = client.scrape();
            if (scrape.status() == 200 && scrape.body().contains("contiv_endpoint_info{")) {
                return;
            }
            assertThat(System.nanoTime()).as("a first complete scrape within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Basic-auth guesses, each a different wrong password on a new connection, for {@code during}. */
    private static int wrongPasswords(int port, SSLContext tls, Duration during) {
        HostileClients guesser = new HostileClients(port, tls, null);
        long end = System.nanoTime() + during.toNanos();
        int tries = 0;
        try (guesser) {
            while (System.nanoTime() - end < 0 && tries < 2_000) {
                HostileClients wrong = new HostileClients(port, tls, basic("prometheus", "guess-" + tries));
                try (wrong) {
                    wrong.scrape();
                } catch (IOException e) {
                    // refused: counts as a try all the same
                }
                tries++;
            }
        }
        return tries;
    }

    /** Plain HTTP to the TLS port: a handshake that fails. */
    private static HostileClients.Outcome plainHttpToTlsPort(int port) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                // reset
            }
        }
        return new HostileClients.Outcome("plain HTTP to the TLS port", -1, (System.nanoTime() - started) / 1_000_000);
    }

    private static double rejected(Map<String, Double> counters, String reason) {
        return counters.getOrDefault("contiv_exporter_http_rejected_total{reason=\"" + reason + "\"}", -1.0);
    }

    private static double timeouts(Map<String, Double> counters, String reason) {
        return counters.getOrDefault("contiv_exporter_http_timeouts_total{reason=\"" + reason + "\"}", -1.0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void requireOpenFiles() {
        long limit = HostileClients.openFileLimit();
        assumeTrue(limit >= OPEN_FILES_NEEDED, "this test holds about 2,600 connections' ends in one JVM and needs "
                + OPEN_FILES_NEEDED + " open files (ulimit -n); this JVM may open " + limit);
    }

    /** What the exporter logs (slf4j-simple writes to System.err) while an attack runs. */
    private static final class CapturedLog implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        static CapturedLog start() {
            CapturedLog log = new CapturedLog();
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (log.captured) {
                        log.captured.write(b);
                    }
                    log.original.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (log.captured) {
                        log.captured.write(bytes, offset, length);
                    }
                    log.original.write(bytes, offset, length);
                }
            }, true, StandardCharsets.UTF_8));
            return log;
        }

        void clear() {
            synchronized (captured) {
                captured.reset();
            }
        }

        List<String> lines() {
            synchronized (captured) {
                String text = captured.toString(StandardCharsets.UTF_8);
                return text.isEmpty() ? List.of() : List.of(text.split("\n"));
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
