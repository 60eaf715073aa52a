package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;

/**
 * The part every {@code OFPT_MULTIPART_REPLY} shares: its type, whether more replies to the same request follow
 * ({@code OFPMPF_REPLY_MORE}), and the body after the multipart header.
 */
record MultipartReply(ByteBuffer body, boolean more) {

    /** Opens the reply, refusing any other message or multipart type. */
    static MultipartReply open(OpenFlowMessage message, int expectedType, String what) throws OpenFlowException {
        if (message.version() != OpenFlow13.VERSION || message.type() != OpenFlow13.OFPT_MULTIPART_REPLY) {
            throw new OpenFlowException("expected an OpenFlow 1.3 multipart reply, got version " + message.version()
                    + " type " + message.type());
        }
        ByteBuffer in = message.bodyBuffer();
        if (in.remaining() < 8) {
            throw new OpenFlowException("multipart reply body of " + in.remaining() + " bytes");
        }
        int multipartType = in.getShort() & 0xffff;
        int flags = in.getShort() & 0xffff;
        in.position(in.position() + 4);
        if (multipartType != expectedType) {
            throw new OpenFlowException("expected a " + what + " reply, got multipart type " + multipartType);
        }
        return new MultipartReply(in, (flags & OpenFlow13.OFPMPF_REPLY_MORE) != 0);
    }
}
