package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;

/** Moving a streaming parser past structures, so that one bad value does not lose the place in a message. */
final class JsonStructure {

    private JsonStructure() {
    }

    /** The nesting depth of the structure the current START token opens (or that the parser is in). */
    static int depth(JsonParser parser) {
        return parser.getParsingContext().getNestingDepth();
    }

    /**
     * Moves the parser, from anywhere inside the structure that opened at {@code depth}, to that structure's end
     * token.
     */
    static void finish(JsonParser parser, int depth) throws IOException {
        while (true) {
            JsonToken token = parser.currentToken();
            if (token != null && token.isStructEnd() && depth(parser) == depth - 1) {
                return;
            }
            if (depth(parser) < depth - 1) {
                // already beyond it: nothing to skip
                return;
            }
            if (parser.nextToken() == null) {
                throw new OvsdbException("the message ends inside a structure");
            }
        }
    }

    /**
     * Moves to the next member of the object the parser is in and returns its name, or null at the object's end. The
     * name the caller expects most is matched on the bytes, without making a string of it.
     */
    static String nextMember(JsonParser parser, SerializableString expected) throws IOException {
        if (parser.nextFieldName(expected)) {
            return expected.getValue();
        }
        return parser.currentToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
    }

    /** Requires the current token to open an object. */
    static void expectObject(JsonParser parser, String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new OvsdbException(what + " is not a JSON object but " + OvsdbValueReader.describe(parser));
        }
    }
}
