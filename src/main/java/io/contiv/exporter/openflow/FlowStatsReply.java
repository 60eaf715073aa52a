package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code OFPT_MULTIPART_REPLY} of type {@code OFPMP_FLOW}: its flows, and whether more replies to the same
 * request follow ({@code OFPMPF_REPLY_MORE}). A switch splits a large table over many replies.
 */
public record FlowStatsReply(List<FlowStats> flows, boolean more) {

    public FlowStatsReply {
        flows = List.copyOf(flows);
    }

    /** Decodes the reply; any other message is an error. */
    public static FlowStatsReply decode(OpenFlowMessage message) throws OpenFlowException {
        MultipartReply reply = MultipartReply.open(message, OpenFlow13.OFPMP_FLOW, "flow-stats");
        ByteBuffer in = reply.body();
        List<FlowStats> flows = new ArrayList<>();
        while (in.hasRemaining()) {
            flows.add(decodeFlow(in));
        }
        return new FlowStatsReply(flows, reply.more());
    }

    private static FlowStats decodeFlow(ByteBuffer in) throws OpenFlowException {
        int start = in.position();
        if (in.remaining() < OpenFlow13.FLOW_STATS_FIXED_LENGTH) {
            throw new OpenFlowException("truncated flow entry: " + in.remaining() + " bytes left");
        }
        int length = in.getShort() & 0xffff;
        if (length < OpenFlow13.FLOW_STATS_FIXED_LENGTH + 8 || length > in.limit() - start) {
            throw new OpenFlowException("flow entry length " + length + " does not fit in " + (in.limit() - start)
                    + " bytes");
        }
        int tableId = in.get() & 0xff;
        in.get();
        long durationSeconds = in.getInt() & 0xffffffffL;
        long durationNanoseconds = in.getInt() & 0xffffffffL;
        int priority = in.getShort() & 0xffff;
        in.position(in.position() + 2 + 2 + 2 + 4);   // idle and hard timeouts, flags, pad
        long cookie = in.getLong();
        long packetCount = in.getLong();
        long byteCount = in.getLong();
        ByteBuffer entry = in.duplicate();
        entry.limit(start + length);
        FlowMatch match = OxmMatchDecoder.decode(entry);
        boolean hasInstructions = entry.position() < start + length;
        in.position(start + length);
        return new FlowStats(tableId, priority, cookie, durationSeconds, durationNanoseconds, packetCount, byteCount,
                match, hasInstructions);
    }
}
