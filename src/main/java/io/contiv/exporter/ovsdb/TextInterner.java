package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Gives the same {@link String} for the same text read again, without making a new one: the statistics keys and
 * the state values of ten thousand interfaces are a few dozen distinct strings, read again at every refresh.
 * Bounded; text beyond the bound is returned as a new string each time.
 */
final class TextInterner {

    private static final int SLOTS = 1024;
    private static final int MAX_ENTRIES = SLOTS / 2;
    private static final int MAX_LENGTH = 40;

    private final String[] table = new String[SLOTS];
    private int entries;

    /** The current token's text (a string value), interned when short. */
    String text(JsonParser parser) throws IOException {
        int length = parser.getTextLength();
        if (length > MAX_LENGTH) {
            return parser.getText();
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        while (true) {
            String held = table[slot];
            if (held == null) {
                String fresh = new String(chars, offset, length);
                if (entries < MAX_ENTRIES) {
                    table[slot] = fresh;
                    entries++;
                }
                return fresh;
            }
            if (held.length() == length && matches(held, chars, offset)) {
                return held;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    private static boolean matches(String held, char[] chars, int offset) {
        for (int i = 0; i < held.length(); i++) {
            if (held.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
