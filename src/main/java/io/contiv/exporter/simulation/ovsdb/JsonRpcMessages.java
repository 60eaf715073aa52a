package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds JSON-RPC 1.0 messages with the members ovsdb-server 3.1 writes, in its order: a reply has
 * {@code id, result, error:null}; an error reply has only {@code id, error} (no "result" member, although RFC 7047
 * section 4 shows both); a notification has {@code id:null, method, params}.
 */
final class JsonRpcMessages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The id ovsdb-server puts on its own inactivity probes. */
    static final String ECHO_ID = "echo";

    private JsonRpcMessages() {
    }

    static ObjectNode reply(JsonNode id, JsonNode result) {
        ObjectNode reply = NODES.objectNode();
        reply.set("id", id);
        reply.set("result", result);
        reply.putNull("error");
        return reply;
    }

    static ObjectNode errorReply(JsonNode id, JsonNode error) {
        ObjectNode reply = NODES.objectNode();
        reply.set("id", id);
        reply.set("error", error);
        return reply;
    }

    static ObjectNode notification(String method, ArrayNode params) {
        ObjectNode notification = NODES.objectNode();
        notification.putNull("id");
        notification.put("method", method);
        notification.set("params", params);
        return notification;
    }

    static ObjectNode echoProbe() {
        ObjectNode request = NODES.objectNode();
        request.put("id", ECHO_ID);
        request.put("method", "echo");
        request.set("params", NODES.arrayNode());
        return request;
    }
}
