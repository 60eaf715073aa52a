package io.contiv.exporter.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** The {@code epCount} of a network's state in etcd, read without building a tree; 0 when absent or unreadable. */
final class NetworkCount {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private NetworkCount() {
    }

    static long of(String networkState) {
        try (JsonParser json = JSON.createParser(networkState)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("epCount")) {
                    return Math.max(0, json.getValueAsLong(0));
                }
                json.skipChildren();
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
