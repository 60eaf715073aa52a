package io.contiv.exporter.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.CapturedOpenFlow;
import io.contiv.exporter.support.DumpTables;
import io.contiv.exporter.support.Resources;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Decodes the table-stats reply a real ovs-vswitchd 3.1 sent, and checks it against ovs-ofctl dump-tables. */
class TableStatsReplyTest {

    private static final List<byte[]> CAPTURED = CapturedOpenFlow.messages("openflow/table-stats.hex");

    @Test
    void everyTableAgreesWithWhatOvsOfctlPrintedRightAfter() throws Exception {
        TableStatsReply reply = TableStatsReply.decode(OpenFlowMessage.decode(CAPTURED.get(1)));
        assertThat(reply.more()).isFalse();
        Map<Integer, DumpTables.Table> decoded = new TreeMap<>();
        for (TableStats table : reply.tables()) {
            decoded.put(table.tableId(), new DumpTables.Table(table.activeCount(), table.lookupCount(),
                    table.matchedCount()));
        }
        Map<Integer, DumpTables.Table> printed = DumpTables.parse(
                new String(Resources.bytes("openflow/dump-tables.txt"), StandardCharsets.US_ASCII));
        assertThat(printed).hasSize(254);
        assertThat(decoded).isEqualTo(printed);
        assertThat(decoded.get(0)).isEqualTo(new DumpTables.Table(2, 46, 46));
        assertThat(decoded.get(5)).isEqualTo(new DumpTables.Table(2, 8, 8));
    }

    @Test
    void theRequestIsAMultipartRequestOfTypeTableWithoutBody() {
        OpenFlowMessage request = Messages.tableStatsRequest(7);
        assertThat(request.type()).isEqualTo(OpenFlow13.OFPT_MULTIPART_REQUEST);
        assertThat(request.xid()).isEqualTo(7);
        assertThat(request.body()).containsExactly(0, 3, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void refusesAFlowStatsReplyAndABodyThatIsNotWholeEntries() {
        assertThatThrownBy(() -> TableStatsReply.decode(OpenFlowMessage.decode(
                CapturedOpenFlow.messages(CapturedOpenFlow.TABLE5_REPLIES).get(1))))
                .isInstanceOf(OpenFlowException.class).hasMessageContaining("expected a table-stats reply");
        ByteBuffer body = ByteBuffer.allocate(8 + 30);
        body.putShort((short) OpenFlow13.OFPMP_TABLE).putShort((short) 0).putInt(0);
        assertThatThrownBy(() -> TableStatsReply.decode(new OpenFlowMessage(OpenFlow13.VERSION,
                OpenFlow13.OFPT_MULTIPART_REPLY, 1, body.array())))
                .isInstanceOf(OpenFlowException.class).hasMessageContaining("not a whole number");
    }

    @Test
    void countsAboveTwoToTheThirtyOneAreUnsigned() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(8 + 24);
        body.putShort((short) OpenFlow13.OFPMP_TABLE).putShort((short) 1).putInt(0);
        body.put((byte) 200).put(new byte[3]).putInt(0xfffffffe).putLong(1L << 40).putLong(5);
        TableStatsReply reply = TableStatsReply.decode(new OpenFlowMessage(OpenFlow13.VERSION,
                OpenFlow13.OFPT_MULTIPART_REPLY, 1, body.array()));
        assertThat(reply.more()).isTrue();
        assertThat(reply.tables()).containsExactly(new TableStats(200, 0xfffffffeL, 1L << 40, 5));
    }
}
