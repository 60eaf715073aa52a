package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoTest {
    private static final Duration PROBE = Duration.ofMillis(200);

    private SimulatedSwitch node;
    private RawJsonRpcClient client;

    @BeforeEach
    void start() throws IOException {
        node = SimulatedSwitch.contivNode(SimulatedSwitch.SEED, PROBE);
        client = node.connect();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        node.close();
    }

    @Test
    void echoRepliesWithTheParams() throws IOException {
        assertThat(client.call("{\"method\":\"echo\",\"params\":[\"ping\",{\"n\":1}],\"id\":\"e1\"}"))
                .isEqualTo("{\"id\":\"e1\",\"result\":[\"ping\",{\"n\":1}],\"error\":null}");
    }

    @Test
    void silentClientGetsAnEchoProbeAndStaysConnectedWhenItAnswers() throws IOException {
        long start = System.nanoTime();
        assertThat(client.nextRaw()).isEqualTo("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(PROBE.minusMillis(20));

        client.send("{\"id\":\"echo\",\"result\":[],\"error\":null}");

        // answered: the next probe comes one interval later, the connection stays
        assertThat(client.nextRaw()).isEqualTo("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}");
        assertThat(node.server.connectionCount()).isEqualTo(1);
    }

    @Test
    void clientThatIgnoresTheProbeIsDisconnected() throws IOException {
        assertThat(client.nextRaw()).isEqualTo("{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}");

        assertThat(client.closedByServerWithin(PROBE.multipliedBy(5))).isTrue();
    }

    @Test
    void busyClientIsNeverProbed() throws IOException, InterruptedException {
        for (int i = 0; i < 6; i++) {
            assertThat(client.call("{\"method\":\"echo\",\"params\":[],\"id\":" + i + "}"))
                    .isEqualTo("{\"id\":" + i + ",\"result\":[],\"error\":null}");
            Thread.sleep(PROBE.toMillis() / 2);
        }
    }
}
