package io.contiv.exporter.ovsdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the byte stream of an OVSDB connection into JSON texts. RFC 7047 sends messages back to back with no
 * delimiter, so the boundary is where the outermost object closes. Doing this ourselves (rather than letting a
 * streaming parser run over the socket forever) bounds the size of one message and tells a truncated reply from a
 * closed connection. Each message is collected in one buffer, reused for the next message, which the caller parses
 * in place; the buffer keeps the size of the largest message of the last minute or so (the statistics refresh,
 * every 5 s), and is made smaller when such large messages stop (after the initial rows, say). Open vSwitch speaks
 * the same JSON-RPC on every socket of its own, so the client of ovs-vswitchd's control socket ({@code unixctl})
 * frames its replies with this class too.
 */
public final class JsonMessageFramer {

    /** One message: the first {@code length} bytes of {@code bytes}, valid until the next call of {@link #next}. */
    public record Frame(byte[] bytes, int length) {
        public byte[] copy() {
            return Arrays.copyOf(bytes, length);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static final int INITIAL_MESSAGE_BYTES = 16 * 1024;
    /** A buffer up to this size is kept whatever the messages. */
    private static final int KEEP_BYTES = 1 << 20;
    /** How many messages make the window in which the largest decides the buffer's size. */
    private static final int WINDOW_MESSAGES = 64;

    private final InputStream in;
    private final int maxMessageBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] message = new byte[INITIAL_MESSAGE_BYTES];
    private int windowPeak;
    private int windowMessages;
    private int previousWindowPeak;

    public JsonMessageFramer(InputStream in, int maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Adds the bytes read since {@code start}, refusing first if the message would outgrow the limit. */
    private int append(int size, int start) throws OvsdbException {
        int count = position - start;
        if ((long) size + count > maxMessageBytes) {
            throw new OvsdbException("message larger than " + maxMessageBytes + " bytes; giving up on it");
        }
        if (size + count > message.length) {
            // at least double: a large message read in 64 KiB reads would otherwise be copied over and over
            long grown = Math.max((long) size + count, 2L * message.length);
            message = Arrays.copyOf(message, (int) Math.min(grown, maxMessageBytes));
        }
        System.arraycopy(buffer, start, message, size, count);
        return size + count;
    }

    /** Returns the next complete message, or {@code null} at a clean end of stream between messages. */
    public Frame next() throws IOException {
        if (windowMessages == WINDOW_MESSAGES) {
            int peak = Math.max(windowPeak, previousWindowPeak);
            if (message.length > KEEP_BYTES && message.length > 2 * peak) {
                message = new byte[Math.max(INITIAL_MESSAGE_BYTES, peak + (peak >> 2))];
            }
            previousWindowPeak = windowPeak;
            windowPeak = 0;
            windowMessages = 0;
        }
        int size = 0;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean started = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!started) {
                        return null;
                    }
                    throw new OvsdbException("connection closed in the middle of a message after " + size + " bytes");
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position++];
                if (!started) {
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                        start = position;
                        continue;
                    }
                    if (b != '{') {
                        throw new OvsdbException("expected a JSON object but the stream has '" + (char) b + "'");
                    }
                    started = true;
                }
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        size = append(size, start);
                        windowPeak = Math.max(windowPeak, size);
                        windowMessages++;
                        return new Frame(message, size);
                    }
                }
            }
            size = append(size, start);
        }
    }
}
