package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.Failures;
import io.contiv.exporter.tls.TlsStreams;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One JSON-RPC session with an OVSDB server (RFC 7047): requests matched to replies by id, the server's
 * {@code echo} keep-alives answered, and {@code update} notifications handed to a listener. A reader thread owns
 * the input side so that a caller's timeout never depends on the socket.
 */
public final class OvsdbConnection implements AutoCloseable {

    /** Receives what the server sends on its own initiative. */
    public interface Listener {
        void onUpdate(JsonNode params);

        void onClosed(Exception cause);
    }

    /** The database that holds the switch's configuration and state. */
    public static final String DATABASE = "Open_vSwitch";
    /**
     * The largest OVSDB message read by default. A row of the Interface table with the columns asked for is under
     * 1 KiB, so this is tens of thousands of interfaces; larger, a message and its parse would not fit the heap the
     * exporter is given (half of a 256 MiB container limit), and a bad server could make it exit on
     * OutOfMemoryError.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = ExporterLogs.logger(OvsdbConnection.class);

    private final OvsdbAddress address;
    private final ObjectMapper mapper;
    private final AutoCloseable transport;
    private final OutputStream out;
    private final Listener listener;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean closed;
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile boolean busy;

    private OvsdbConnection(OvsdbAddress address, ObjectMapper mapper, AutoCloseable transport, InputStream in,
                            OutputStream out, Listener listener, int maxMessageBytes) {
        this.address = address;
        this.mapper = mapper;
        this.transport = transport;
        this.out = out;
        this.listener = listener;
        Thread reader = new Thread(() -> readLoop(new JsonMessageFramer(new BufferedInputStream(in), maxMessageBytes)),
                "ovsdb-reader " + address);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The parser of OVSDB messages: no string of the Interface table comes near 1 MiB and RFC 7047 messages nest a
     * few levels, so larger or deeper is refused as it is read rather than built in memory.
     */
    static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(1 << 20)
                .maxNestingDepth(64)
                .build());
        return mapper;
    }

    public static OvsdbConnection open(OvsdbAddress address, Duration connectTimeout, int maxMessageBytes,
                                       Listener listener) throws OvsdbException {
        ObjectMapper mapper = newMapper();
        try {
            if (address.socketAddress() instanceof UnixDomainSocketAddress unix) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(unix);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
                return new OvsdbConnection(address, mapper, channel, ChannelStreams.input(channel),
                        ChannelStreams.output(channel), listener, maxMessageBytes);
            }
            if (address.ssl() && address.tls() == null) {
                throw new OvsdbException("OVSDB at " + address + " speaks TLS; no certificate, key and CA given");
            }
            InetSocketAddress unresolved = (InetSocketAddress) address.socketAddress();
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()),
                        (int) connectTimeout.toMillis());
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            if (address.ssl()) {
                TlsStreams tls = address.tls().handshake(socket, unresolved.getHostString(), unresolved.getPort(),
                        connectTimeout);
                return new OvsdbConnection(address, mapper, tls, tls.input(), tls.output(), listener,
                        maxMessageBytes);
            }
            return new OvsdbConnection(address, mapper, socket, socket.getInputStream(), socket.getOutputStream(),
                    listener, maxMessageBytes);
        } catch (IOException e) {
            throw new OvsdbException("cannot connect to OVSDB at " + address + ": " + Failures.describe(e), e);
        }
    }

    /** Sends a request and waits for its reply; an error reply or a timeout is an {@link OvsdbException}. */
    public JsonNode call(String method, ArrayNode params, Duration timeout) throws OvsdbException {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            ObjectNode request = mapper.createObjectNode();
            request.put("method", method);
            request.set("params", params);
            request.put("id", id);
            send(request);
            JsonNode response = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode error = response.get("error");
            if (error != null && !error.isNull()) {
                throw new OvsdbException("OVSDB " + method + " failed: " + OvsdbValues.abbreviate(error));
            }
            return response.path("result");
        } catch (TimeoutException e) {
            throw new OvsdbException("OVSDB at " + address + " did not answer " + method + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof OvsdbException o ? o : new OvsdbException("OVSDB " + method + " failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvsdbException("interrupted while waiting for OVSDB " + method);
        } finally {
            pending.remove(id);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    public OvsdbAddress address() {
        return address;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public void close() {
        shutdown(new OvsdbException("connection to " + address + " closed"));
    }

    /** Closes the connection, giving this reason to pending calls and to the listener (if still open). */
    public void abort(Exception reason) {
        shutdown(reason);
    }

    private void send(JsonNode message) throws OvsdbException {
        if (closed) {
            throw new OvsdbException("connection to " + address + " is closed");
        }
        try {
            byte[] bytes = mapper.writeValueAsBytes(message);
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            OvsdbException failure = new OvsdbException(
                    "cannot write to OVSDB at " + address + ": " + Failures.describe(e), e);
            shutdown(failure);
            throw failure;
        }
    }

    /**
     * Whether the server showed signs of life lately: a message arrived within {@code window}, or one is still being
     * handled. A reply can be late only because this side is busy applying a large update; that is no dead server.
     */
    public boolean heardFromWithin(Duration window) {
        return busy || System.nanoTime() - lastMessageNanos < window.toNanos();
    }

    private void readLoop(JsonMessageFramer framer) {
        Exception cause;
        try {
            byte[] message;
            while ((message = framer.next()) != null) {
                lastMessageNanos = System.nanoTime();
                busy = true;
                JsonNode parsed;
                try {
                    parsed = mapper.readTree(message);
                } catch (JsonProcessingException e) {
                    throw new OvsdbException("a message is not JSON: " + Failures.describe(e), e);
                }
                dispatch(parsed);
                busy = false;
            }
            cause = new OvsdbException("OVSDB at " + address + " closed the connection");
        } catch (IOException e) {
            cause = closed ? e
                    : new OvsdbException("reading from OVSDB at " + address + " failed: " + Failures.describe(e), e);
        } catch (RuntimeException e) {
            cause = new OvsdbException("unexpected data from OVSDB at " + address + ": " + e, e);
        }
        shutdown(cause);
    }

    private void dispatch(JsonNode message) throws OvsdbException {
        JsonNode method = message.get("method");
        if (method != null && method.isTextual()) {
            switch (method.textValue()) {
                case "echo" -> {
                    ObjectNode reply = mapper.createObjectNode();
                    reply.set("id", message.get("id"));
                    reply.set("result", message.get("params"));
                    reply.putNull("error");
                    send(reply);
                }
                case "update" -> listener.onUpdate(message.get("params"));
                default -> LOG.debug("ignoring OVSDB notification {}", method.textValue());
            }
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && id.canConvertToLong()) {
            CompletableFuture<JsonNode> reply = pending.get(id.longValue());
            if (reply != null) {
                reply.complete(message);
            }
        }
    }

    private void shutdown(Exception cause) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        pending.values().forEach(f -> f.completeExceptionally(cause));
        if (first) {
            try {
                transport.close();
            } catch (Exception ignored) {
                // already failing; the cause reported to callers is the useful part
            }
            listener.onClosed(cause);
        }
    }

}
