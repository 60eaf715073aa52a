package io.contiv.exporter.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A minimal RFC 7047 JSON-RPC client for test data: one connection per call, over "tcp:HOST:PORT" or
 * "unix:PATH". Used instead of ovsdb-client because large transactions do not fit in one argument.
 */
public final class OvsdbJsonRpc {

    public static final String DATABASE = "Open_vSwitch";

    // Closes a connection whose call overran its timeout; blocking channel reads have no timeout of their own.
    private static final Timer WATCHDOG = new Timer("ovsdb-jsonrpc-watchdog", true);

    private final String address;
    private final Duration timeout;
    private final ObjectMapper mapper;

    public OvsdbJsonRpc(String address, Duration timeout, ObjectMapper mapper) {
        this.address = address;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /** Runs the operations in one transaction; fails if any operation reports an error. */
    public ArrayNode transact(ArrayNode operations) {
        ArrayNode params = mapper.createArrayNode().add(DATABASE);
        params.addAll(operations);
        JsonNode result = call("transact", params);
        if (!(result instanceof ArrayNode results)) {
            throw new IllegalStateException("unexpected transact result from " + address + ": " + result);
        }
        for (JsonNode operationResult : results) {
            if (operationResult != null && operationResult.hasNonNull("error")) {
                throw new IllegalStateException("OVSDB transaction failed on " + address + ": "
                        + operationResult.get("error").asText() + " - " + operationResult.path("details").asText()
                        + abbreviate(results.toString()));
            }
        }
        return results;
    }

    /** Rows of one table, only the given columns. */
    public ArrayNode select(String table, String... columns) {
        ObjectNode select = mapper.createObjectNode().put("op", "select").put("table", table);
        select.putArray("where");
        ArrayNode columnList = select.putArray("columns");
        for (String column : columns) {
            columnList.add(column);
        }
        return (ArrayNode) transact(mapper.createArrayNode().add(select)).get(0).get("rows");
    }

    public JsonNode call(String method, ArrayNode params) {
        ObjectNode request = mapper.createObjectNode().put("method", method).put("id", 1);
        request.set("params", params);
        try (SocketChannel channel = connect()) {
            TimerTask closeOnTimeout = new TimerTask() {
                @Override
                public void run() {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // the blocked call fails either way
                    }
                }
            };
            WATCHDOG.schedule(closeOnTimeout, timeout.toMillis());
            try {
                return exchange(channel, request);
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    throw new IllegalStateException(method + " on " + address + " took longer than " + timeout, e);
                }
                throw e;
            } finally {
                closeOnTimeout.cancel();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " on " + address + " failed", e);
        }
    }

    private JsonNode exchange(SocketChannel channel, ObjectNode request) throws IOException {
        write(channel, request);
        try (JsonParser parser = mapper.getFactory().createParser(Channels.newInputStream(channel))) {
            while (true) {
                JsonNode message = mapper.readTree(parser);
                if (message == null) {
                    throw new IOException("connection closed by " + address + " before the reply");
                }
                if ("echo".equals(message.path("method").asText())) {
                    // The server probes idle connections; an unanswered echo ends the session.
                    ObjectNode reply = mapper.createObjectNode();
                    reply.set("id", message.get("id"));
                    reply.set("result", message.get("params"));
                    reply.putNull("error");
                    write(channel, reply);
                    continue;
                }
                if (message.has("result") && message.path("id").asInt(-1) == 1) {
                    if (message.hasNonNull("error")) {
                        throw new IllegalStateException(address + " answered with error " + message.get("error"));
                    }
                    return message.get("result");
                }
            }
        }
    }

    private void write(SocketChannel channel, JsonNode message) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(mapper.writeValueAsBytes(message));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private SocketChannel connect() throws IOException {
        if (address.startsWith("unix:")) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            return connect(channel, UnixDomainSocketAddress.of(address.substring("unix:".length())));
        }
        if (address.startsWith("tcp:")) {
            String hostAndPort = address.substring("tcp:".length());
            int colon = hostAndPort.lastIndexOf(':');
            SocketAddress target = new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1)));
            return connect(SocketChannel.open(), target);
        }
        throw new IllegalArgumentException("unsupported OVSDB address (want tcp:HOST:PORT or unix:PATH): " + address);
    }

    private static SocketChannel connect(SocketChannel channel, SocketAddress target) throws IOException {
        try {
            channel.connect(target);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? "\nresults: " + text : "\nresults: " + text.substring(0, 2000) + "...";
    }
}
