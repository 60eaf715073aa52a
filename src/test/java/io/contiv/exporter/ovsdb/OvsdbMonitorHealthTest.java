package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.health.SourceReporter;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase;
import io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbServer;
import io.contiv.exporter.simulation.ovsdb.TrafficClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor's health reports: made as connections come and go, with nobody reading the cache. */
class OvsdbMonitorHealthTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final SourceReporter listener = () -> new SourceReporter.Attempt() {
        @Override
        public void succeeded() {
            events.add("synced");
        }

        @Override
        public void failed(Exception cause) {
            events.add("failed: " + cause.getMessage());
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private String nextEvent() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private OvsdbMonitor monitor(int port, Duration timeout, Duration probeInterval) {
        return new OvsdbMonitor(OvsdbAddress.parse("tcp:127.0.0.1:" + port), timeout, 1024 * 1024, scheduler,
                probeInterval, FirstAttempt.alone("ovsdb", Duration.ofSeconds(1)), listener);
    }

    /** The next event that is not a keep-alive answered (those come every probe interval). */
    private String nextChange() throws InterruptedException {
        String event;
        do {
            event = nextEvent();
        } while (event.equals("synced"));
        return event;
    }

    @Test
    void lossesAndResyncsAreReportedWithoutAnyScrape() throws Exception {
        SimulatedOvsdbDatabase database = SimulatedOvsdbDatabase.create(new TrafficClock(1), 1);
        database.addInterface(SimulatedInterface.endpoint("vvport1", "ep-1", 1, 1));
        try (SimulatedOvsdbServer server = SimulatedOvsdbServer.start(database);
             OvsdbMonitor monitor = monitor(server.port(), Duration.ofMillis(300), Duration.ofMillis(100))) {
            monitor.start();
            assertThat(nextEvent()).isEqualTo("synced");

            server.dropConnections();
            assertThat(nextChange()).contains("closed the connection");
            assertThat(nextEvent()).isEqualTo("synced");

            // a server that stops answering is found by the keep-alive echo, and named for what it did
            server.faults().delayReplies(Duration.ofSeconds(2));
            assertThat(nextChange()).contains("did not answer echo within 300 ms");
            server.faults().reset();
            String event;
            do {
                event = nextEvent();
            } while (!event.equals("synced"));
            assertThat(monitor.interfaces()).extracting(OvsInterface::name).contains("vvport1");
        }
    }

    @Test
    void aQuietSwitchIsConfirmedByEveryKeepAliveAnswered() throws Exception {
        SimulatedOvsdbDatabase database = SimulatedOvsdbDatabase.create(new TrafficClock(1), 1);
        database.addInterface(SimulatedInterface.endpoint("vvport1", "ep-1", 1, 1));
        try (SimulatedOvsdbServer server = SimulatedOvsdbServer.start(database);
             OvsdbMonitor monitor = monitor(server.port(), Duration.ofMillis(500), Duration.ofMillis(100))) {
            monitor.start();
            // nothing changes in the switch (its clock stands still): only the echoes can say it is there
            for (int i = 0; i < 4; i++) {
                assertThat(nextEvent()).isEqualTo("synced");
            }
        }
    }

    @Test
    void anUnreadableRowInTheInitialRowsDoesNotStopTheMonitor() throws Exception {
        String rows = "{\"Interface\":{"
                + "\"00000000-0000-0000-0000-000000000001\":{\"initial\":{\"name\":\"vvport1\","
                + "\"external_ids\":[\"map\",[[\"endpoint-id\",\"ep-1\"]]],\"statistics\":[\"map\",[[\"rx_bytes\",7]]]}},"
                + "\"00000000-0000-0000-0000-000000000002\":{\"initial\":{\"name\":\"vvport2\","
                + "\"statistics\":[\"map\",[[\"rx_bytes\",\"many\"]]]}}}}";
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerMonitorOnce(listening, rows), "fake-ovsdb");
            server.setDaemon(true);
            server.start();
            try (OvsdbMonitor monitor = monitor(listening.getLocalPort(), Duration.ofSeconds(2),
                    Duration.ofHours(1))) {
                monitor.start();

                assertThat(nextEvent()).isEqualTo("synced");
                List<OvsInterface> interfaces = monitor.interfaces();
                assertThat(interfaces).extracting(OvsInterface::name).containsExactly("vvport1");
                assertThat(interfaces.get(0).statistics()).containsEntry("rx_bytes", 7L);
            }
        }
    }

    @Test
    void initialRowsThatKeepComingAreWaitedForAndRowsThatStopComingAreNot() throws Exception {
        StringBuilder rows = new StringBuilder("{\"Interface\":{");
        for (int i = 1; i <= 200; i++) {
            rows.append(i > 1 ? "," : "").append("\"u").append(i).append("\":{\"initial\":{\"name\":\"vvport")
                    .append(i).append("\"}}");
        }
        rows.append("}}");
        // the initial timeout is four times the source timeout: 800 ms; the reply takes about 2 s to arrive
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerMonitorOnce(listening, rows.toString(), 40, 50), "slow-ovsdb");
            server.setDaemon(true);
            server.start();
            try (OvsdbMonitor monitor = monitor(listening.getLocalPort(), Duration.ofMillis(200), Duration.ofHours(1))) {
                monitor.start();
                assertThat(nextEvent()).isEqualTo("synced");
                assertThat(monitor.interfaces()).hasSize(200);
            }
        }
        events.clear();
        // half a reply, then silence: given up once nothing came for the initial timeout
        String half = rows.substring(0, rows.length() / 2);
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerMonitorOnce(listening, half, 1, 0), "stalled-ovsdb");
            server.setDaemon(true);
            server.start();
            long started = System.nanoTime();
            try (OvsdbMonitor monitor = monitor(listening.getLocalPort(), Duration.ofMillis(200), Duration.ofHours(1))) {
                monitor.start();
                assertThat(nextEvent()).contains("did not answer monitor_cond");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    /** Reads the monitor_cond request and answers it with {@code result}, then keeps the connection open. */
    private static void answerMonitorOnce(ServerSocket listening, String result) {
        answerMonitorOnce(listening, result, 1, 0);
    }

    /**
     * As above, the reply sent in {@code pieces} with {@code pauseMillis} between them (and, when the result is
     * not whole JSON, never finished).
     */
    private static void answerMonitorOnce(ServerSocket listening, String result, int pieces, long pauseMillis) {
        try (Socket socket = listening.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder();
            Matcher id;
            byte[] buffer = new byte[4096];
            do {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                request.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                id = Pattern.compile("\"id\":(\\d+)").matcher(request);
            } while (!id.find());
            byte[] reply = ("{\"id\":" + id.group(1) + ",\"result\":" + result + ",\"error\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            int piece = reply.length / pieces + 1;
            for (int offset = 0; offset < reply.length; offset += piece) {
                out.write(reply, offset, Math.min(piece, reply.length - offset));
                out.flush();
                Thread.sleep(pauseMillis);
            }
            while (in.read(buffer) >= 0) {
                // keep the connection until the monitor closes it
            }
        } catch (java.io.IOException ignored) {
            // the test is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
