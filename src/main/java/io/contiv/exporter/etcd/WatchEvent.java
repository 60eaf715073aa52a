package io.contiv.exporter.etcd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.BiPredicate;

/**
 * One event of an etcd v2 watch, read from its raw bytes without building a tree: the action, the key, the index,
 * and the value only when the key (or the raw event) concerns the reader. An event for someone else's key costs a
 * scan of its bytes and no decoding of its value. An error object ({@code errorCode}, {@code index}) is read too.
 *
 * @param value        the new value; null for a delete, for a directory, and for an event the reader declined
 * @param concerns     whether the reader's test accepted the event (its value was then decoded)
 * @param errorCode    etcd's error code when the line is an error object, else 0
 * @param etcdIndex    the {@code index} of an error object (etcd's index when it answered), else 0
 */
public record WatchEvent(String action, String key, long modifiedIndex, String value, boolean concerns,
                         int errorCode, long etcdIndex) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public boolean isDelete() {
        return action.equals("delete") || action.equals("expire") || action.equals("compareAndDelete");
    }

    public boolean isError() {
        return errorCode != 0;
    }

    /**
     * Reads one event. {@code concerns} is asked with the key and the raw bytes, before the value is decoded; when it
     * declines, the value is skipped.
     */
    public static WatchEvent read(byte[] event, BiPredicate<String, byte[]> concerns) throws EtcdException {
        try (JsonParser json = JSON.createParser(event)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new EtcdException("watch event is not a JSON object");
            }
            String action = "";
            NodeFields node = new NodeFields();
            int errorCode = 0;
            long index = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "action" -> action = json.getValueAsString("");
                    case "node" -> node.read(json, token, event, concerns);
                    case "errorCode" -> errorCode = json.getValueAsInt(0);
                    case "index" -> index = json.getValueAsLong(0);
                    default -> json.skipChildren();
                }
            }
            if (errorCode == 0 && node.key == null) {
                throw new EtcdException("watch event has no node key");
            }
            return new WatchEvent(action, node.key == null ? "" : node.key, node.modifiedIndex, node.value,
                    node.concerns, errorCode, index);
        } catch (IOException e) {
            if (e instanceof EtcdException etcd) {
                throw etcd;
            }
            throw new EtcdException("watch event is not JSON: " + e.getMessage(), e);
        }
    }

    /** The fields of {@code node} the reader needs; etcd writes the key before the value. */
    private static final class NodeFields {
        String key;
        String value;
        long modifiedIndex;
        boolean concerns;
        boolean decided;

        void read(JsonParser json, JsonToken start, byte[] event, BiPredicate<String, byte[]> test)
                throws IOException {
            if (start != JsonToken.START_OBJECT) {
                json.skipChildren();
                return;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "key" -> {
                        key = json.getValueAsString();
                        concerns = key != null && test.test(key, event);
                        decided = true;
                    }
                    case "value" -> {
                        // a value before its key (not etcd's order) is decoded, in case the key concerns us
                        if (token == JsonToken.VALUE_STRING && (!decided || concerns)) {
                            value = json.getText();
                        }
                    }
                    case "modifiedIndex" -> modifiedIndex = json.getValueAsLong(0);
                    default -> json.skipChildren();
                }
            }
            if (!concerns) {
                value = null;
            }
        }
    }
}
