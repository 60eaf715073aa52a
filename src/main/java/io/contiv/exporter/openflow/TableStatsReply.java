package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** One {@code OFPT_MULTIPART_REPLY} of type {@code OFPMP_TABLE}: an entry per table, and whether more follow. */
public record TableStatsReply(List<TableStats> tables, boolean more) {

    public TableStatsReply {
        tables = List.copyOf(tables);
    }

    /** Decodes the reply; any other message is an error. */
    public static TableStatsReply decode(OpenFlowMessage message) throws OpenFlowException {
        MultipartReply reply = MultipartReply.open(message, OpenFlow13.OFPMP_TABLE, "table-stats");
        ByteBuffer in = reply.body();
        if (in.remaining() % OpenFlow13.TABLE_STATS_LENGTH != 0) {
            throw new OpenFlowException("table-stats reply body of " + in.remaining() + " bytes is not a whole number "
                    + "of " + OpenFlow13.TABLE_STATS_LENGTH + "-byte entries");
        }
        List<TableStats> tables = new ArrayList<>(in.remaining() / OpenFlow13.TABLE_STATS_LENGTH);
        while (in.hasRemaining()) {
            int tableId = in.get() & 0xff;
            in.position(in.position() + 3);
            long active = in.getInt() & 0xffffffffL;
            long lookups = in.getLong();
            long matched = in.getLong();
            tables.add(new TableStats(tableId, active, lookups, matched));
        }
        return new TableStatsReply(tables, reply.more());
    }
}
