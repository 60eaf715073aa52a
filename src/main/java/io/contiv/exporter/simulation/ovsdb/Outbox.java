package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a connection's messages go. Replies are what the fault switches act on; server messages are not. */
interface Outbox {
    /** A reply to one of the client's requests. */
    void sendReply(ObjectNode reply);

    /** A message the server starts: an "update" notification or an "echo" probe. */
    void sendServerMessage(ObjectNode message);
}
