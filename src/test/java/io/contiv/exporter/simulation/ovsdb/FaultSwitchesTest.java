package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultSwitchesTest {
    private static final String LIST_DBS = "{\"method\":\"list_dbs\",\"params\":[],\"id\":1}";
    private static final String LIST_DBS_REPLY = "{\"id\":1,\"result\":[\"Open_vSwitch\"],\"error\":null}";
    private static final String SELECT = "{\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"select\","
            + "\"table\":\"Interface\",\"where\":[],\"columns\":[\"name\",\"external_ids\",\"statistics\"]}],\"id\":2}";

    private SimulatedSwitch node;

    @BeforeEach
    void start() throws IOException {
        node = SimulatedSwitch.contivNode();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void slowRepliesWaitBeforeAnswering() throws IOException {
        try (RawJsonRpcClient client = node.connect()) {
            node.faults.delayReplies(Duration.ofMillis(300));
            long start = System.nanoTime();

            assertThat(client.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            node.faults.delayReplies(Duration.ZERO);
            start = System.nanoTime();
            assertThat(client.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void closeMidReplySendsHalfAReplyThenCloses() throws IOException {
        String fullReply;
        try (RawJsonRpcClient client = node.connect()) {
            fullReply = client.call(SELECT);
        }
        node.faults.closeMidReply(true);
        try (RawJsonRpcClient client = node.connect()) {
            client.send(SELECT);
            String received = new String(client.readUntilClosed(), StandardCharsets.UTF_8);

            assertThat(received).hasSize(fullReply.getBytes(StandardCharsets.UTF_8).length / 2);
            assertThat(fullReply).startsWith(received);
        }
    }

    @Test
    void malformedRepliesAreNotJson() throws IOException {
        node.faults.sendMalformedReplies(true);
        try (RawJsonRpcClient client = node.connect()) {
            String reply = client.call(LIST_DBS);

            assertThat(reply).isEqualTo("{\"id\":1,\"result\":[\"Open_vSwitch\"],\"error\":null]");
            assertThatThrownBy(() -> RawJsonRpcClient.MAPPER.readTree(reply))
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void hugeRepliesCarrySeveralMegabytesAndStayValid() throws IOException {
        node.faults.padReplies(5 * 1024 * 1024);
        try (RawJsonRpcClient client = node.connect()) {
            String reply = client.call(SELECT);

            assertThat(reply.length()).isGreaterThan(5 * 1024 * 1024);
            var parsed = RawJsonRpcClient.MAPPER.readTree(reply);
            assertThat(parsed.get("padding").asText()).hasSize(5 * 1024 * 1024);
            assertThat(parsed.at("/result/0/rows")).hasSize(3);
        }
    }

    @Test
    void refusedConnectionsAreClosedAtOnce() throws IOException {
        node.faults.refuseConnections(true);
        try (RawJsonRpcClient client = node.connect()) {
            assertThat(client.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
        }

        node.faults.refuseConnections(false);
        try (RawJsonRpcClient client = node.connect()) {
            assertThat(client.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
        }
    }

    @Test
    void stoppedListenerRefusesConnectionsUntilResumed() throws IOException {
        int port = node.server.port();
        node.server.stopListening();

        assertThatThrownBy(() -> RawJsonRpcClient.connect(port)).isInstanceOf(ConnectException.class);

        node.server.resumeListening();
        try (RawJsonRpcClient client = RawJsonRpcClient.connect(port)) {
            assertThat(client.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
        }
    }

    @Test
    void restartDropsConnectionsAndListensOnTheSamePort() throws IOException {
        int port = node.server.port();
        try (RawJsonRpcClient before = node.connect()) {
            before.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",1,{\"Interface\":{}}],\"id\":1}");

            node.server.restart();

            assertThatThrownBy(before::nextRaw).isInstanceOf(EOFException.class);
        }
        assertThat(node.server.port()).isEqualTo(port);
        try (RawJsonRpcClient after = RawJsonRpcClient.connect(port)) {
            assertThat(after.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
        }
    }

    @Test
    void faultsAffectRepliesOnlyAndResetTurnsThemOff() throws IOException {
        try (RawJsonRpcClient client = node.connect()) {
            client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",1,"
                    + "{\"Interface\":{\"columns\":[\"statistics\"]}}],\"id\":1}");
            node.faults.sendMalformedReplies(true);

            node.clock.advance(1);
            assertThat(client.next().get("method").asText()).isEqualTo("update");

            node.faults.reset();
            assertThat(client.call(LIST_DBS)).isEqualTo(LIST_DBS_REPLY);
        }
    }
}
