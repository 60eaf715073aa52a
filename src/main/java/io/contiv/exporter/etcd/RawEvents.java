package io.contiv.exporter.etcd;

import java.nio.charset.StandardCharsets;

/**
 * Looks into a watch event's raw bytes without decoding it: cheap enough to run on every event of a directory. A
 * stored value is a JSON string inside the event, so its own quotes appear escaped ({@code \"field\":\"value\"}), as
 * netmaster's Go encoder writes them (no spaces).
 */
public final class RawEvents {

    private RawEvents() {
    }

    /** The bytes that start the string field {@code field} of a stored JSON value, up to its value's first byte. */
    public static byte[] fieldMarker(String field) {
        return ("\\\"" + field + "\\\":\\\"").getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of the string field {@code field} of a stored JSON value holding exactly {@code value}. */
    public static byte[] fieldHolding(String field, String value) {
        return ("\\\"" + field + "\\\":\\\"" + value + "\\\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code needle} occurs in {@code haystack}; a plain scan, the events are small. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle) >= 0;
    }

    /**
     * The value of the first string field {@code marker} ({@link #fieldMarker}) starts in the event, when it holds
     * neither quote nor backslash (addresses, host names); null when absent, empty or otherwise.
     */
    public static String plainField(byte[] event, byte[] marker) {
        int start = indexOf(event, marker);
        if (start < 0) {
            return null;
        }
        start += marker.length;
        for (int end = start; end < event.length; end++) {
            if (event[end] == '\\') {
                return end > start ? new String(event, start, end - start, StandardCharsets.UTF_8) : null;
            }
            if (event[end] == '"') {
                return null;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
