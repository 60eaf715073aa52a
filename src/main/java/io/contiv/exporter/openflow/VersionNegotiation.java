package io.contiv.exporter.openflow;

import java.nio.ByteBuffer;

/**
 * Decides from the switch's hello whether both sides speak OpenFlow 1.3, the only version this codec knows. With
 * version bitmaps on both sides the highest common version wins; otherwise the lower of the two header versions.
 */
final class VersionNegotiation {

    private VersionNegotiation() {
    }

    static void requireOpenFlow13(OpenFlowMessage hello, String peer) throws OpenFlowException {
        if (hello.type() == OpenFlow13.OFPT_ERROR) {
            throw ErrorMessages.asException(hello, peer + " refused the OpenFlow hello");
        }
        if (hello.type() != OpenFlow13.OFPT_HELLO) {
            throw new OpenFlowException(peer + " sent message type " + hello.type() + " instead of a hello");
        }
        long bitmap = versionBitmap(hello.bodyBuffer());
        boolean agreed = bitmap != 0
                ? (bitmap & (1L << OpenFlow13.VERSION)) != 0
                : hello.version() >= OpenFlow13.VERSION;
        if (!agreed) {
            throw new OpenFlowException(peer + " does not speak OpenFlow 1.3 (its hello offers version "
                    + hello.version() + (bitmap != 0 ? ", bitmap 0x" + Long.toHexString(bitmap) : "")
                    + "); enable it with ovs-vsctl set bridge BRIDGE protocols=OpenFlow10,OpenFlow13");
        }
    }

    /** The first bitmap word of the hello's version-bitmap element, or 0 when there is none. */
    private static long versionBitmap(ByteBuffer elements) {
        while (elements.remaining() >= 4) {
            int start = elements.position();
            int type = elements.getShort() & 0xffff;
            int length = elements.getShort() & 0xffff;
            if (length < 4 || start + length > elements.limit()) {
                return 0;
            }
            if (type == OpenFlow13.OFPHET_VERSIONBITMAP && length >= 8) {
                return elements.getInt() & 0xffffffffL;
            }
            // elements are padded to a multiple of 8 bytes
            int next = start + (length + 7) / 8 * 8;
            if (next > elements.limit()) {
                return 0;
            }
            elements.position(next);
        }
        return 0;
    }
}
