package io.contiv.exporter.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON values sent back to back, as Open vSwitch's JSON-RPC sends them, for the tests' own peers and clients:
 * a value ends where its outermost object or array closes (braces inside strings do not count).
 */
public final class JsonTexts {

    private JsonTexts() {
    }

    /** The exact text of the next JSON value on the stream, whitespace before it skipped. */
    public static String next(InputStream in) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + text.size() + " bytes of a message: "
                        + text.toString(StandardCharsets.UTF_8));
            }
            if (depth == 0 && Character.isWhitespace(b)) {
                continue;
            }
            text.write(b);
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
                    return text.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }
}
