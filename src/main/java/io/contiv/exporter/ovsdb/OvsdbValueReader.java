package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads RFC 7047 section 5.1 values from a parser as they stream by: atoms, {@code ["set", [...]]} (or a bare
 * atom for a one-element set), {@code ["map", [[k, v], ...]]} and {@code ["uuid", "..."]}. Each method starts on
 * the value's first token and ends on its last. Anything else is a protocol error, an {@link OvsdbException} that
 * names the column, never a runtime exception, so that a bad reply never escapes as a crash.
 */
final class OvsdbValueReader {

    /** Receives one pair of a map, the parser on the key's token, then on the value's. */
    interface PairReader {
        void pair(JsonParser parser, String column) throws IOException;
    }

    private final TextInterner interner = new TextInterner();

    /** A string atom, interned when short (keys and state values repeat from row to row and refresh to refresh). */
    String internedString(JsonParser parser, String column) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return interner.text(parser);
        }
        return atomAsString(parser, column);
    }

    /** An atom as text: a string, a number or boolean as written, a uuid as its text. */
    String atomAsString(JsonParser parser, String column) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new OvsdbException("column '" + column + "': missing value");
        }
        switch (token) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getText();
            case START_ARRAY:
                return uuidAtom(parser, column);
            default:
                throw notAn("atom", parser, column);
        }
    }

    /** An integer atom that fits a long. */
    long integer(JsonParser parser, String column) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw notAn("integer", parser, column);
        }
        return parser.getLongValue();
    }

    /** {@code ["map", [[k, v], ...]]}, each pair handed to {@code pairs}. */
    void map(JsonParser parser, String column, PairReader pairs) throws IOException {
        if (!tagged(parser, "map", column)) {
            throw new OvsdbException("column '" + column + "': expected [\"map\", [...]] but got " + describe(parser));
        }
        // on the array of pairs
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new OvsdbException("column '" + column + "': expected [\"map\", [...]] but got " + describe(parser));
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new OvsdbException("column '" + column + "': map entry " + describe(parser) + " is not a pair");
            }
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                throw new OvsdbException("column '" + column + "': map entry [] is not a pair");
            }
            pairs.pair(parser, column);
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                throw new OvsdbException("column '" + column + "': map entry of one atom is not a pair");
            }
            pairs.pair(parser, column);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new OvsdbException("column '" + column + "': map entry of more than two atoms is not a pair");
            }
        }
        expectEndOfTaggedValue(parser, column, "map");
    }

    /**
     * A column of type {@code {"min": 0, "max": 1}}: an empty set is "no value" (null), a set of one or a bare atom
     * is the value. {@code atom} reads the atom itself.
     */
    <T> T optional(JsonParser parser, String column, AtomReader<T> atom) throws IOException {
        if (!tagged(parser, "set", column)) {
            return atom.read(parser, column);
        }
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new OvsdbException("column '" + column + "': malformed set " + describe(parser));
        }
        T value = null;
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            value = atom.read(parser, column);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new OvsdbException("column '" + column + "': more than one value in a column of at most one");
            }
        }
        expectEndOfTaggedValue(parser, column, "set");
        return value;
    }

    /** Reads one atom. */
    interface AtomReader<T> {
        T read(JsonParser parser, String column) throws IOException;
    }

    /**
     * Whether the value is {@code [tag, ...]}; if so the parser is left on the tag. A value that is not an array is
     * left alone; an array with another first element is an error, as no column of ours holds one.
     */
    private static boolean tagged(JsonParser parser, String tag, String column) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return false;
        }
        if (parser.nextToken() != JsonToken.VALUE_STRING || !tag.equals(parser.getText())) {
            throw new OvsdbException("column '" + column + "': expected [\"" + tag + "\", ...] but the array starts with "
                    + describe(parser));
        }
        return true;
    }

    private static void expectEndOfTaggedValue(JsonParser parser, String column, String tag) throws IOException {
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw new OvsdbException("column '" + column + "': [\"" + tag + "\", ...] has more than two elements");
        }
    }

    private static String uuidAtom(JsonParser parser, String column) throws IOException {
        JsonToken tag = parser.nextToken();
        if (tag == JsonToken.VALUE_STRING && ("uuid".equals(parser.getText()) || "named-uuid".equals(parser.getText()))
                && parser.nextToken() == JsonToken.VALUE_STRING) {
            String uuid = parser.getText();
            if (parser.nextToken() == JsonToken.END_ARRAY) {
                return uuid;
            }
        }
        throw new OvsdbException("column '" + column + "': an array that is not an atom (" + describe(parser) + ")");
    }

    private static OvsdbException notAn(String what, JsonParser parser, String column) throws IOException {
        return new OvsdbException("column '" + column + "': " + describe(parser) + " is not an " + what);
    }

    /** The current token for an error message: a scalar's text (cut short), or what kind of structure it opens. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case END_ARRAY, END_OBJECT -> "the end of a structure";
            case VALUE_STRING -> abbreviate("\"" + parser.getText() + "\"");
            case FIELD_NAME -> "field \"" + abbreviate(parser.currentName()) + "\"";
            default -> abbreviate(parser.getText());
        };
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
