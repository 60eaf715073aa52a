package io.contiv.exporter.simulation.etcd;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** etcd v2's compact response bodies, field for field and ending in a newline as etcd sends them. */
final class EtcdJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private EtcdJson() {
    }

    /** Writes {@code {"action":"get","node":{...}}}. */
    public static void writeGet(EtcdNode node, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeStringField("action", "get");
            json.writeFieldName("node");
            writeNode(json, node);
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** Writes {@code {"action":"set","node":{...},"prevNode":{...}}}, as a watch sends an event. */
    public static void writeEvent(EtcdEvent event, OutputStream out) throws IOException {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeStringField("action", event.action());
            json.writeFieldName("node");
            writeNode(json, event.node());
            if (event.prevNode() != null) {
                json.writeFieldName("prevNode");
                writeNode(json, event.prevNode());
            }
            json.writeEndObject();
        }
        out.write('\n');
    }

    public static byte[] error(EtcdError error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeNumberField("errorCode", error.errorCode());
            json.writeStringField("message", error.message());
            json.writeStringField("cause", error.cause());
            json.writeNumberField("index", error.index());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeNode(JsonGenerator json, EtcdNode node) throws IOException {
        json.writeStartObject();
        if (!node.isRoot()) {
            json.writeStringField("key", node.key());
        }
        if (node.isDirectory()) {
            json.writeBooleanField("dir", true);
            List<EtcdNode> nodes = node.nodes();
            if (nodes != null && !nodes.isEmpty()) {
                json.writeArrayFieldStart("nodes");
                for (EtcdNode child : nodes) {
                    writeNode(json, child);
                }
                json.writeEndArray();
            }
        } else if (!node.deleted()) {
            json.writeStringField("value", node.value());
        }
        if (!node.isRoot()) {
            json.writeNumberField("modifiedIndex", node.modifiedIndex());
            json.writeNumberField("createdIndex", node.createdIndex());
        }
        json.writeEndObject();
    }

    private static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return generator;
    }
}
