package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;

/** Builds the few OpenFlow 1.3 messages the exporter sends. */
final class Messages {

    private Messages() {
    }

    /** A hello that offers OpenFlow 1.3 only, in both the header and a version bitmap. */
    static OpenFlowMessage hello(long xid) {
        ByteBuffer body = ByteBuffer.allocate(8);
        body.putShort((short) OpenFlow13.OFPHET_VERSIONBITMAP).putShort((short) 8)
                .putInt(1 << OpenFlow13.VERSION);
        return new OpenFlowMessage(OpenFlow13.VERSION, OpenFlow13.OFPT_HELLO, xid, body.array());
    }

    /** The reply to an echo request carries the request's transaction ID and data back. */
    static OpenFlowMessage echoReply(OpenFlowMessage request) {
        return new OpenFlowMessage(OpenFlow13.VERSION, OpenFlow13.OFPT_ECHO_REPLY, request.xid(), request.body());
    }

    /** Every flow of one table: any output port or group, any cookie, empty match. */
    static OpenFlowMessage flowStatsRequest(long xid, int tableId) {
        ByteBuffer body = ByteBuffer.allocate(8 + 32 + 8);
        body.putShort((short) OpenFlow13.OFPMP_FLOW).putShort((short) 0).putInt(0);
        body.put((byte) tableId).put(new byte[3])
                .putInt((int) OpenFlow13.OFPP_ANY).putInt((int) OpenFlow13.OFPG_ANY).putInt(0)
                .putLong(0).putLong(0);
        body.putShort((short) OpenFlow13.OFPMT_OXM).putShort((short) 4).putInt(0);
        return new OpenFlowMessage(OpenFlow13.VERSION, OpenFlow13.OFPT_MULTIPART_REQUEST, xid, body.array());
    }

    /** The statistics of every table: a multipart request of type OFPMP_TABLE has no body of its own. */
    static OpenFlowMessage tableStatsRequest(long xid) {
        ByteBuffer body = ByteBuffer.allocate(8);
        body.putShort((short) OpenFlow13.OFPMP_TABLE).putShort((short) 0).putInt(0);
        return new OpenFlowMessage(OpenFlow13.VERSION, OpenFlow13.OFPT_MULTIPART_REQUEST, xid, body.array());
    }
}
