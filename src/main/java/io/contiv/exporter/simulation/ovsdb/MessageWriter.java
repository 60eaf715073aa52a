package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes messages to a connection's stream back to back, with no delimiter, as ovsdb-server does; replies pass
 * through the {@link FaultSwitches} on the way.
 */
final class MessageWriter {
    private final OutputStream out;
    private final FaultSwitches faults;
    private final Runnable closeConnection;

    MessageWriter(OutputStream out, FaultSwitches faults, Runnable closeConnection) {
        this.out = out;
        this.faults = faults;
        this.closeConnection = closeConnection;
    }

    void writeServerMessage(ObjectNode message) throws IOException {
        write(OvsdbJson.compact(message).getBytes(StandardCharsets.UTF_8));
    }

    void writeReply(ObjectNode reply) throws IOException, InterruptedException {
        Duration delay = faults.replyDelay();
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
        int padding = faults.replyPaddingBytes();
        byte[] bytes = OvsdbJson.compact(padding > 0 ? padded(reply, padding) : reply)
                .getBytes(StandardCharsets.UTF_8);
        if (faults.sendingMalformedReplies()) {
            bytes[bytes.length - 1] = ']';
        }
        if (faults.closingMidReply()) {
            write(Arrays.copyOf(bytes, bytes.length / 2));
            closeConnection.run();
            return;
        }
        write(bytes);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static ObjectNode padded(ObjectNode reply, int paddingBytes) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = reply.fields();
             it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getKey().equals("id") && !copy.has("padding")) {
                copy.put("padding", "x".repeat(paddingBytes));
            }
            copy.set(member.getKey(), member.getValue());
        }
        return copy;
    }
}
