package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;

/**
 * One OpenFlow message: the 8-byte header (version, type, length, transaction ID) and the body after it. The length
 * field is 16 bits, so a message never exceeds 65535 bytes.
 */
public record OpenFlowMessage(int version, int type, long xid, byte[] body) {

    public static final int HEADER_LENGTH = 8;
    public static final int MAX_LENGTH = 0xffff;

    public OpenFlowMessage {
        if (HEADER_LENGTH + body.length > MAX_LENGTH) {
            throw new IllegalArgumentException("OpenFlow message of " + (HEADER_LENGTH + body.length) + " bytes");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body for reading, big-endian as OpenFlow is, without copying. */
    public ByteBuffer bodyBuffer() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    public int length() {
        return HEADER_LENGTH + body.length;
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(length());
        out.put((byte) version).put((byte) type).putShort((short) length()).putInt((int) xid).put(body);
        return out.array();
    }

    /**
     * Decodes one whole message; {@code bytes} must hold exactly the length its header announces.
     */
    public static OpenFlowMessage decode(byte[] bytes) throws OpenFlowException {
        if (bytes.length < HEADER_LENGTH) {
            throw new OpenFlowException("OpenFlow message of " + bytes.length + " bytes is shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int version = in.get() & 0xff;
        int type = in.get() & 0xff;
        int length = in.getShort() & 0xffff;
        long xid = in.getInt() & 0xffffffffL;
        if (length != bytes.length) {
            throw new OpenFlowException("OpenFlow header says " + length + " bytes, message has " + bytes.length);
        }
        byte[] body = new byte[length - HEADER_LENGTH];
        in.get(body);
        return new OpenFlowMessage(version, type, xid, body);
    }
}
