package io.contiv.exporter.unixctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.support.FakeSwitch;
import io.contiv.exporter.support.FakeSwitch.Conversation;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control-socket client against scripted peers: replies, refusals, silence, garbage, a dropped connection. */
class UnixctlClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void sendsTheCommandAndReturnsTheResultTextOnOneKeptConnection() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(c -> {
            JsonNode first = request(c);
            assertThat(first.path("method").asText()).isEqualTo("dpctl/show");
            assertThat(first.path("params").toString()).isEqualTo("[\"-s\",\"netdev@ovs-netdev\"]");
            reply(c, first, "\"netdev@ovs-netdev:\\n  flows: 0\\n\"", "null");
            JsonNode second = request(c);
            assertThat(second.path("id").asLong()).isNotEqualTo(first.path("id").asLong());
            // in two pieces: the client must reassemble
            byte[] bytes = reply(second, "\"handlers:1\"", "null");
            c.sendInChunks(bytes, 7);
            c.awaitClose();
        }));
             UnixctlClient client = new UnixctlClient(sw::socket, TIMEOUT, 1 << 20)) {
            assertThat(client.call("dpctl/show", "-s", "netdev@ovs-netdev")).isEqualTo("netdev@ovs-netdev:\n  flows: 0\n");
            assertThat(client.call("memory/show")).isEqualTo("handlers:1");
        }
    }

    @Test
    void aRefusalIsAnErrorButTheConnectionStays() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(c -> {
            JsonNode first = request(c);
            // ovs-vswitchd leaves "result" out of an error reply
            c.send(("{\"id\":" + first.path("id") + ",\"error\":\"\\\"nosuch\\\" is not a valid command\\n\"}")
                    .getBytes(StandardCharsets.UTF_8));
            reply(c, request(c), "\"ok\"", "null");
            c.awaitClose();
        }));
             UnixctlClient client = new UnixctlClient(sw::socket, TIMEOUT, 1 << 20)) {
            assertThatThrownBy(() -> client.call("nosuch")).isInstanceOf(UnixctlException.class)
                    .hasMessage("ovs-vswitchd refused nosuch: \"nosuch\" is not a valid command");
            assertThat(client.call("memory/show")).isEqualTo("ok");
        }
    }

    @Test
    void aSilentPeerTimesOutAndGarbageOrNoResultIsAnError() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(
                c -> {
                    request(c);
                    c.awaitClose();
                },
                c -> {
                    request(c);
                    c.send("{\"id\":1,\"result\":nope}".getBytes(StandardCharsets.UTF_8));
                    c.awaitClose();
                },
                c -> {
                    JsonNode r = request(c);
                    reply(c, r, "42", "null");
                    c.awaitClose();
                }));
             UnixctlClient client = new UnixctlClient(sw::socket, TIMEOUT, 1 << 20)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.call("dpctl/show")).isInstanceOf(UnixctlException.class)
                    .hasMessageContaining("timed out reading from " + sw.socket());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> client.call("dpctl/show")).isInstanceOf(UnixctlException.class)
                    .hasMessageContaining("is not JSON");
            assertThatThrownBy(() -> client.call("dpctl/show")).isInstanceOf(UnixctlException.class)
                    .hasMessageContaining("without a text result");
        }
    }

    @Test
    void aReplyLargerThanTheLimitIsRefused() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(c -> {
            reply(c, request(c), "\"" + "x".repeat(5000) + "\"", "null");
            c.awaitClose();
        }));
             UnixctlClient client = new UnixctlClient(sw::socket, TIMEOUT, 1000)) {
            assertThatThrownBy(() -> client.call("coverage/show")).isInstanceOf(UnixctlException.class)
                    .hasMessageContaining("larger than 1000 bytes");
        }
    }

    @Test
    void aConnectionTheSwitchDroppedIsOpenedAgainAndTheCallRetriedOnce() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(
                c -> reply(c, request(c), "\"first\"", "null"),
                c -> {
                    reply(c, request(c), "\"second\"", "null");
                    c.awaitClose();
                }));
             UnixctlClient client = new UnixctlClient(sw::socket, TIMEOUT, 1 << 20)) {
            assertThat(client.call("memory/show")).isEqualTo("first");
            // the first conversation ended: the kept connection is closed, and the call goes to a new one
            assertThat(client.call("memory/show")).isEqualTo("second");
        }
    }

    @Test
    void theSocketIsFoundThroughThePidFileInTheRunDirectory() throws Exception {
        try (TemporaryDirectory run = TemporaryDirectory.create("contiv-unixctl-")) {
            assertThatThrownBy(() -> ControlSocket.locate(run.path())).isInstanceOf(UnixctlException.class)
                    .hasMessageContaining("no " + run.resolve("ovs-vswitchd.pid"));
            assertThat(ControlSocket.pidFileExists(run.path())).isFalse();
            Files.writeString(run.resolve("ovs-vswitchd.pid"), "not a pid\n");
            assertThatThrownBy(() -> ControlSocket.locate(run.path())).hasMessageContaining("does not hold a process");
            Files.writeString(run.resolve("ovs-vswitchd.pid"), "4242\n");
            assertThatThrownBy(() -> ControlSocket.locate(run.path()))
                    .hasMessageContaining("(pid 4242) has no control socket " + run.resolve("ovs-vswitchd.4242.ctl"));
            Path socket = run.resolve("ovs-vswitchd.4242.ctl");
            try (FakeSwitch sw = new FakeSwitch(socket, List.of(c -> {
                reply(c, request(c), "\"found\"", "null");
                c.awaitClose();
            }));
                 UnixctlClient client = UnixctlClient.forRunDirectory(run.path(), TIMEOUT)) {
                assertThat(ControlSocket.locate(run.path())).isEqualTo(socket);
                assertThat(client.call("version")).isEqualTo("found");
            }
        }
    }

    private static JsonNode request(Conversation c) throws IOException {
        return JSON.readTree(c.receiveJsonObject());
    }

    private static void reply(Conversation c, JsonNode request, String result, String error) throws IOException {
        c.send(reply(request, result, error));
    }

    private static byte[] reply(JsonNode request, String result, String error) {
        return ("{\"id\":" + request.path("id") + ",\"result\":" + result + ",\"error\":" + error + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
