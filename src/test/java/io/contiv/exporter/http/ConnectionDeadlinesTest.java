package io.contiv.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.support.FreshEveryScrape;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's deadlines and connection cap, one at a time, with short bounds: what each closes, and how it is
 * counted. {@code HostileClientsIT} holds them all at once at full scale.
 */
class ConnectionDeadlinesTest {

    private static final Duration SHORT = Duration.ofSeconds(1);
    /** How long a client waits for the server to close: the bound plus generous slack for a busy machine. */
    private static final int WAIT_MILLIS = 8_000;

    private final HttpRefusals refusals = new HttpRefusals();

    @Test
    void aRequestHeadThatNeverEndsIsClosedAndCounted() throws Exception {
        try (MetricsServer server = start(8); Socket socket = connect(server)) {
            socket.getOutputStream().write(ascii("GET /metrics HTTP/1.1\r\nHost: x\r\n"));
            // one more byte now and then does not move the deadline
            for (int i = 0; i < 3; i++) {
                Thread.sleep(400);
                try {
                    socket.getOutputStream().write(ascii("X"));
                } catch (IOException closed) {
                    break;
                }
            }
            assertThat(closedByServer(socket)).isTrue();
            assertThat(refusals.count(HttpRefusals.TimedOut.READ_HEADER)).isEqualTo(1);
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (MetricsServer server = start(8); Socket socket = connect(server)) {
            socket.getOutputStream().write(ascii("GET /-/healthy HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertThat(closedByServer(socket)).isTrue();
            assertThat(refusals.count(HttpRefusals.TimedOut.IDLE)).isEqualTo(1);
            assertThat(refusals.count(HttpRefusals.TimedOut.READ_HEADER)).isZero();
        }
    }

    @Test
    void aClientThatDoesNotReadALargeAnswerIsCutOffAtTheWriteTimeout() throws Exception {
        // about 8 MB of text: more than the socket buffers between server and client hold
        Counter big = Counter.builder().name("contiv_test_big").help("test").labelNames("series").build();
        for (int i = 0; i < 100_000; i++) {
            big.labelValues("series-" + i + "-" + "x".repeat(40)).inc();
        }
        try (MetricsServer server = start(8, List.of(big));
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.getOutputStream().write(ascii("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"));
            long deadline = System.nanoTime() + Duration.ofMillis(WAIT_MILLIS).toNanos();
            while (refusals.count(HttpRefusals.TimedOut.WRITE) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(refusals.count(HttpRefusals.TimedOut.WRITE)).isEqualTo(1);
            assertThat(refusals.openConnections()).isZero();
        }
    }

    @Test
    void pastTheCapTheOldestIdleConnectionMakesRoomAndAScrapeGetsIn() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (MetricsServer server = start(8)) {
            for (int i = 0; i < 8; i++) {
                idle.add(connect(server));
                Thread.sleep(20);
            }
            try (Socket scrape = connect(server)) {
                scrape.getOutputStream().write(ascii("GET /-/healthy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
                scrape.setSoTimeout(WAIT_MILLIS);
                String answer = new String(scrape.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).startsWith("HTTP/1.1 200");
            }
            assertThat(closedByServer(idle.get(0))).isTrue();
            assertThat(refusals.count(HttpRefusals.Rejected.TOO_MANY_CONNECTIONS)).isGreaterThanOrEqualTo(1);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private MetricsServer start(int maxConnections) throws IOException {
        return start(maxConnections, List.of(Counter.builder().name("contiv_test_deadlines").help("test").build()));
    }

    private MetricsServer start(int maxConnections, List<Counter> counters) throws IOException {
        List<MetricSnapshot> snapshots = counters.stream().map(c -> (MetricSnapshot) c.collect()).toList();
        Exposition exposition = FreshEveryScrape.exposition(() -> snapshots);
        return MetricsServer.start(exposition, new ListenAddress("127.0.0.1", 0), "/metrics", "test", null,
                new ServerSettings(SHORT, SHORT, Duration.ofSeconds(2), maxConnections), refusals);
    }

    private static Socket connect(MetricsServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return socket;
    }

    /** Reads (and drops) what the server sends until it closes; false if it is still open after the wait. */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(WAIT_MILLIS);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer, before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
