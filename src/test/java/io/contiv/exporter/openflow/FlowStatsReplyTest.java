package io.contiv.exporter.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.CapturedOpenFlow.DumpedFlow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Decodes the flow-stats reply a real ovs-vswitchd 3.1 sent for table 5, split over two messages. */
class FlowStatsReplyTest {

    private static final List<byte[]> CAPTURED = CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES);

    @Test
    void theCaptureIsAHelloThenTwoRepliesTheFirstSayingMoreFollow() throws Exception {
        assertThat(CAPTURED).hasSize(3);
        OpenFlowMessage hello = OpenFlowMessage.decode(CAPTURED.get(0));
        assertThat(hello.type()).isEqualTo(OpenFlow13.OFPT_HELLO);
        VersionNegotiation.requireOpenFlow13(hello, "captured switch");

        FlowStatsReply first = FlowStatsReply.decode(OpenFlowMessage.decode(CAPTURED.get(1)));
        FlowStatsReply last = FlowStatsReply.decode(OpenFlowMessage.decode(CAPTURED.get(2)));
        assertThat(first.more()).isTrue();
        assertThat(last.more()).isFalse();
        assertThat(first.flows()).isNotEmpty();
        assertThat(last.flows()).isNotEmpty();
    }

    @Test
    void everyFlowAgreesWithWhatOvsOfctlPrintedForTheSameTable() throws Exception {
        List<FlowStats> decoded = decodeAll();
        List<DumpedFlow> dumped = CapturedOpenFlow.dumpedFlows();

        assertThat(decoded).hasSize(dumped.size()).hasSize(9 + 660 + 1);
        List<String> ours = new ArrayList<>();
        for (FlowStats flow : decoded) {
            ours.add(flow.tableId() + " " + flow.priority() + " " + flow.cookie() + " " + flow.packetCount() + " "
                    + flow.byteCount() + " " + flow.hasInstructions());
        }
        List<String> theirs = new ArrayList<>();
        for (DumpedFlow flow : dumped) {
            theirs.add(flow.table() + " " + flow.priority() + " " + flow.cookie() + " " + flow.packets() + " "
                    + flow.bytes() + " " + !flow.actions().equals("drop"));
        }
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void decodesTheFieldsOfARuleFlow() throws Exception {
        FlowStats allowPing = flow(15, 0x2a);
        assertThat(allowPing.match()).isEqualTo(FlowMatch.builder().ethType(0x0800).ipProto(1)
                .metadata(MaskedValue.masked(0xa0028, 0x7ffffffe, 64)).build());
        assertThat(allowPing.packetCount()).isEqualTo(3);
        assertThat(allowPing.byteCount()).isEqualTo(294);
        assertThat(allowPing.hasInstructions()).isTrue();
        assertThat(allowPing.durationSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(allowPing.durationNanoseconds()).isBetween(0L, 999_999_999L);

        FlowStats denyPing = flow(15, 0x2b);
        assertThat(denyPing.hasInstructions()).as("a deny rule's flow drops: no instructions").isFalse();
        assertThat(denyPing.packetCount()).isEqualTo(5);

        assertThat(flow(20, 0x2c).match()).isEqualTo(FlowMatch.builder().ethType(0x0800).ipProto(6)
                .ipv4Src(MaskedValue.ipv4Prefix(0x0a240000L, 24)).tcpDst(5432)
                .metadata(MaskedValue.masked(0x28, 0xfffe, 64)).build());
        assertThat(flow(18, 0x30).match()).isEqualTo(FlowMatch.builder().ethType(0x0800).ipProto(17)
                .ipv4Dst(MaskedValue.exact(0x0a240003L, 32)).udpDst(53)
                .metadata(MaskedValue.masked(0xa0000, 0x7fff0000, 64)).build());
    }

    @Test
    void readsTcpFlagsFromTheOnfExperimenterFieldOvsSendsInOpenFlow13() throws Exception {
        // OXM_OF_TCP_FLAGS is OpenFlow 1.5; in 1.3 OVS sends class 0xffff, experimenter 0x4f4e4600, field 42.
        FlowStats synDeny = flow(13, 0x2e);
        assertThat(synDeny.match().tcpFlags()).contains(MaskedValue.masked(0x02, 0x12, 12));
        assertThat(synDeny.match().otherFields()).isEmpty();
        assertThat(synDeny.hasInstructions()).isFalse();
    }

    @Test
    void skipsUnknownFieldsByLengthAndRemembersThem() throws Exception {
        FlowStats inPort = flow(30, 0);
        assertThat(inPort.match().ethType()).isEqualTo(OptionalInt.of(0x0800));
        assertThat(inPort.match().otherFields()).containsExactlyInAnyOrder("in_port=0x00000003", "ip_dscp=0x08");

        FlowStats register = flow(31, 0);
        assertThat(register.match().ethType()).isEqualTo(OptionalInt.of(0x0800));
        assertThat(register.match().otherFields()).containsExactly("oxm class 0x1 field 0=0x00000005");
    }

    @Test
    void findsTheTableMissFlowWithItsEmptyMatch() throws Exception {
        FlowStats miss = decodeAll().stream().filter(f -> f.priority() == 1).findFirst().orElseThrow();
        assertThat(miss.match().isEmpty()).isTrue();
        assertThat(miss.match().ipProto()).isEqualTo(OptionalInt.empty());
        assertThat(miss.packetCount()).isEqualTo(4);
        assertThat(miss.byteCount()).isEqualTo(392);
    }

    @Test
    void rejectsATruncatedReplyInsteadOfReadingPastIt() throws Exception {
        byte[] reply = CAPTURED.get(2);
        byte[] cut = Arrays.copyOf(reply, reply.length - 20);
        cut[2] = (byte) (cut.length >> 8);
        cut[3] = (byte) cut.length;
        assertThatThrownBy(() -> FlowStatsReply.decode(OpenFlowMessage.decode(cut)))
                .isInstanceOf(OpenFlowException.class);
    }

    @Test
    void rejectsAMessageOfAnotherKind() throws Exception {
        OpenFlowMessage hello = OpenFlowMessage.decode(CAPTURED.get(0));
        assertThatThrownBy(() -> FlowStatsReply.decode(hello)).isInstanceOf(OpenFlowException.class)
                .hasMessageContaining("multipart reply");
    }

    static List<FlowStats> decodeAll() throws OpenFlowException {
        List<FlowStats> flows = new ArrayList<>();
        for (byte[] message : CAPTURED.subList(1, CAPTURED.size())) {
            flows.addAll(FlowStatsReply.decode(OpenFlowMessage.decode(message)).flows());
        }
        return flows;
    }

    private static FlowStats flow(int priority, long cookie) throws OpenFlowException {
        Optional<FlowStats> found = decodeAll().stream()
                .filter(f -> f.priority() == priority && f.cookie() == cookie).findFirst();
        return found.orElseThrow(() -> new AssertionError("no flow with priority " + priority + " cookie " + cookie));
    }
}
