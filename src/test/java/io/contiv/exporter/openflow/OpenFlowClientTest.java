package io.contiv.exporter.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.FakeSwitch;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client against a scripted peer that replays what a real ovs-vswitchd sent. */
class OpenFlowClientTest {

    private static final List<byte[]> CAPTURED = CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void sendsAnOpenFlow13HelloAndAFlowStatsRequestForTheTable() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.send(CAPTURED.get(0));
            OpenFlowMessage hello = conversation.receive();
            assertThat(HexFormat.of().formatHex(hello.encode())).matches("04000010........0001000800000010");
            OpenFlowMessage request = conversation.receive();
            assertThat(HexFormat.of().formatHex(request.encode())).isEqualTo("04120038"
                    + String.format("%08x", request.xid())
                    + "0001000000000000" + "05000000" + "ffffffff" + "ffffffff" + "00000000"
                    + "0000000000000000" + "0000000000000000" + "0001000400000000");
            replayReplies(conversation, request.xid(), 1 << 16);
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            assertThat(client.flowStats(5)).hasSize(670);
        }
    }

    @Test
    void gathersEveryPartOfASplitReplyArrivingInSmallPiecesAndAnswersAnEchoInBetween() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.sendInChunks(CAPTURED.get(0), 3);
            conversation.receive();
            long xid = conversation.receive().xid();
            conversation.sendInChunks(withXid(CAPTURED.get(1), xid), 7);
            byte[] echo = new OpenFlowMessage(4, OpenFlow13.OFPT_ECHO_REQUEST, 0xabcdef, new byte[] {1, 2, 3})
                    .encode();
            conversation.sendInChunks(echo, 5);
            OpenFlowMessage reply = conversation.receive();
            assertThat(reply.type()).isEqualTo(OpenFlow13.OFPT_ECHO_REPLY);
            assertThat(reply.xid()).isEqualTo(0xabcdef);
            assertThat(reply.body()).containsExactly(1, 2, 3);
            conversation.sendInChunks(withXid(CAPTURED.get(2), xid), 11);
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            List<FlowStats> flows = client.flowStats(5);
            assertThat(flows).hasSize(670);
            assertThat(flows.stream().mapToLong(FlowStats::packetCount).sum()).isEqualTo(3 + 5 + 4);
        }
    }

    @Test
    void keepsTheConnectionForTheNextRead() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.send(CAPTURED.get(0));
            conversation.receive();
            for (int read = 0; read < 3; read++) {
                replayReplies(conversation, conversation.receive().xid(), 1 << 16);
            }
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            for (int read = 0; read < 3; read++) {
                assertThat(client.flowStats(5)).hasSize(670);
            }
        }
    }

    @Test
    void connectsAgainWhenTheSwitchDroppedTheKeptConnection() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(
                conversation -> {
                    conversation.send(CAPTURED.get(0));
                    conversation.receive();
                    replayReplies(conversation, conversation.receive().xid(), 1 << 16);
                    // then hang up, as ovs-vswitchd does when it restarts
                },
                conversation -> {
                    conversation.send(CAPTURED.get(0));
                    conversation.receive();
                    replayReplies(conversation, conversation.receive().xid(), 1 << 16);
                    conversation.awaitClose();
                })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            assertThat(client.flowStats(5)).hasSize(670);
            Thread.sleep(100);
            assertThat(client.flowStats(5)).hasSize(670);
        }
    }

    @Test
    void givesUpAtTheTimeoutWhenTheSwitchNeverAnswers() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.send(CAPTURED.get(0));
            conversation.receive();
            conversation.receive();
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), Duration.ofMillis(300))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.flowStats(5)).isInstanceOf(OpenFlowException.class)
                    .hasMessageContaining("timed out reading from " + sw.socket());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void reportsAnErrorTheSwitchReturns() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.send(CAPTURED.get(0));
            conversation.receive();
            long xid = conversation.receive().xid();
            // OFPET_BAD_REQUEST, OFPBRC_BAD_TABLE_ID
            conversation.send(new OpenFlowMessage(4, OpenFlow13.OFPT_ERROR, xid,
                    ByteBuffer.allocate(4).putShort((short) 1).putShort((short) 9).array()).encode());
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            assertThatThrownBy(() -> client.flowStats(5)).isInstanceOf(OpenFlowException.class)
                    .hasMessageContaining("BAD_REQUEST code 9");
        }
    }

    @Test
    void refusesASwitchThatDoesNotSpeakOpenFlow13() throws Exception {
        try (FakeSwitch sw = new FakeSwitch(List.of(conversation -> {
            conversation.send(new OpenFlowMessage(1, OpenFlow13.OFPT_HELLO, 1, new byte[0]).encode());
            conversation.awaitClose();
        })); OpenFlowClient client = new OpenFlowClient(sw.socket(), TIMEOUT)) {
            assertThatThrownBy(() -> client.flowStats(5)).isInstanceOf(OpenFlowException.class)
                    .hasMessageContaining("does not speak OpenFlow 1.3");
        }
    }

    @Test
    void acceptsAHelloWhoseVersionBitmapOffers13() throws Exception {
        byte[] bitmap = ByteBuffer.allocate(8).putShort((short) 1).putShort((short) 8).putInt(0b110010).array();
        VersionNegotiation.requireOpenFlow13(new OpenFlowMessage(5, OpenFlow13.OFPT_HELLO, 1, bitmap), "switch");
        byte[] without13 = ByteBuffer.allocate(8).putShort((short) 1).putShort((short) 8).putInt(0b100010).array();
        assertThatThrownBy(() -> VersionNegotiation.requireOpenFlow13(
                new OpenFlowMessage(5, OpenFlow13.OFPT_HELLO, 1, without13), "switch"))
                .hasMessageContaining("does not speak OpenFlow 1.3");
    }

    @Test
    void saysWhichSocketItCouldNotReach() throws Exception {
        try (TemporaryDirectory directory = TemporaryDirectory.create("contiv-no-switch-");
             OpenFlowClient client = new OpenFlowClient(directory.resolve("br0.mgmt"), TIMEOUT)) {
            assertThatThrownBy(() -> client.flowStats(5)).isInstanceOf(OpenFlowException.class)
                    .hasMessageContaining("cannot connect to " + directory.resolve("br0.mgmt"));
        }
    }

    private static void replayReplies(FakeSwitch.Conversation conversation, long xid, int chunk) throws Exception {
        for (byte[] reply : CAPTURED.subList(1, CAPTURED.size())) {
            conversation.sendInChunks(withXid(reply, xid), chunk);
        }
    }

    private static byte[] withXid(byte[] message, long xid) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).putInt(4, (int) xid);
        return copy;
    }
}
