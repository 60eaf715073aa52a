package io.contiv.exporter.ovsdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits the byte stream of an OVSDB connection into JSON texts. RFC 7047 sends messages back to back with no
 * delimiter, so the boundary is where the outermost object closes. Doing this ourselves (rather than letting a
 * streaming parser run over the socket forever) bounds the size of one message and tells a truncated reply from a
 * closed connection. Open vSwitch speaks the same JSON-RPC on every socket of its own, so the client of
 * ovs-vswitchd's control socket ({@code unixctl}) frames its replies with this class too.
 */
public final class JsonMessageFramer {

    private final InputStream in;
    private final int maxMessageBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    public JsonMessageFramer(InputStream in, int maxMessageBytes) {
        this.in = in;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Adds the bytes read since {@code start}, refusing first if the message would outgrow the limit. */
    private void append(ByteArrayOutputStream message, int start) throws OvsdbException {
        if ((long) message.size() + (position - start) > maxMessageBytes) {
            throw new OvsdbException("message larger than " + maxMessageBytes + " bytes; giving up on it");
        }
        message.write(buffer, start, position - start);
    }

    /** Returns the next complete message, or {@code null} at a clean end of stream between messages. */
    public byte[] next() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
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
                    throw new OvsdbException("connection closed in the middle of a message after "
                            + message.size() + " bytes");
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
                        append(message, start);
                        return message.toByteArray();
                    }
                }
            }
            append(message, start);
        }
    }
}
