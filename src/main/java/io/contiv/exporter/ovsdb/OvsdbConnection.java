package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.Failures;
import io.contiv.exporter.tls.TlsStreams;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
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
 * {@code echo} keep-alives answered, and notifications handed to a listener. A reader thread owns the input side
 * so that a caller's timeout never depends on the socket. Messages are read as a stream of tokens, never as a
 * tree: a reply's result and a notification's parameters go to whoever reads them, on the reader thread, in the
 * order the server sent them, so that the monitor's initial rows and its first update cannot overtake each other.
 */
public final class OvsdbConnection implements AutoCloseable {

    /** Receives what the server sends on its own initiative. */
    public interface Listener {
        /**
         * A notification: the parser is on the first token of its {@code params}, to be read (or not) to its last.
         * An {@link OvsdbException} means the notification could not be used: it is logged, the session goes on.
         */
        void onNotification(String method, JsonParser params) throws IOException;

        void onClosed(Exception cause);
    }

    /** Reads the {@code result} of a reply from the parser, on the first token of the value, ending on its last. */
    @FunctionalInterface
    public interface ResultReader<T> {
        T read(JsonParser result) throws IOException;
    }

    /** The database that holds the switch's configuration and state. */
    public static final String DATABASE = "Open_vSwitch";
    /**
     * The largest OVSDB message read by default. A row of the Interface table with the columns asked for is under
     * 1 KiB, so this is tens of thousands of interfaces; a larger message would not fit the heap the exporter is
     * given (half of a 256 MiB container limit), and a bad server could make it exit on OutOfMemoryError.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final Logger LOG = ExporterLogs.logger(OvsdbConnection.class);

    /** A request waiting for its reply. */
    private record Pending(String method, ResultReader<?> reader, CompletableFuture<Object> reply) {
    }

    private final OvsdbAddress address;
    private final ObjectMapper mapper;
    private final AutoCloseable transport;
    private final OutputStream out;
    private final Listener listener;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean closed;
    /** When bytes last arrived from the server. */
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile boolean busy;

    private OvsdbConnection(OvsdbAddress address, ObjectMapper mapper, AutoCloseable transport, InputStream in,
                            OutputStream out, Listener listener, int maxMessageBytes) {
        this.address = address;
        this.mapper = mapper;
        this.transport = transport;
        this.out = out;
        this.listener = listener;
        Thread reader = new Thread(() -> readLoop(new JsonMessageFramer(new BufferedInputStream(heard(in)),
                maxMessageBytes)), "ovsdb-reader " + address);
        reader.setDaemon(true);
        reader.start();
    }

    /** The socket's input, noting when bytes last arrived: a large message is the server talking, not silence. */
    private InputStream heard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    lastMessageNanos = System.nanoTime();
                }
                return n;
            }
        };
    }

    /**
     * The parser of OVSDB messages: no string of the Interface table comes near 1 MiB and RFC 7047 messages nest a
     * few levels, so larger or deeper is refused as it is read rather than built in memory. Field names are not
     * canonicalised: row UUIDs are field names, and a symbol table grown to ten thousand of them at every update
     * allocated seven times what the update itself needs.
     */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(1 << 20)
                        .maxNestingDepth(64)
                        .build())
                .build();
        return new ObjectMapper(factory);
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
        return call(method, params, timeout, mapper::readTree);
    }

    /**
     * Sends a request and waits for its reply, whose result {@code reader} reads on the reader thread as it streams
     * in; an error reply, a result the reader refuses, or a timeout is an {@link OvsdbException}.
     */
    public <T> T call(String method, ArrayNode params, Duration timeout, ResultReader<T> reader)
            throws OvsdbException {
        return call(method, params, timeout, timeout, reader);
    }

    /**
     * As {@link #call(String, ArrayNode, Duration, ResultReader)}, but waits past {@code timeout} as long as the
     * server keeps sending (bytes arrived within the last {@code timeout}) or this side is still reading what it
     * sent, up to {@code limit} in all: the reply to a monitor of ten thousand rows, read on a busy machine, can take
     * longer than a request should, and giving up on a server that is answering only makes it start over.
     */
    public <T> T callWhileAnswering(String method, ArrayNode params, Duration timeout, Duration limit,
                                    ResultReader<T> reader) throws OvsdbException {
        return call(method, params, timeout, limit, reader);
    }

    private <T> T call(String method, ArrayNode params, Duration timeout, Duration limit, ResultReader<T> reader)
            throws OvsdbException {
        long id = nextId.getAndIncrement();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pending.put(id, new Pending(method, reader, reply));
        long started = System.nanoTime();
        try {
            ObjectNode request = mapper.createObjectNode();
            request.put("method", method);
            request.set("params", params);
            request.put("id", id);
            send(request);
            long wait = timeout.toNanos();
            while (true) {
                try {
                    @SuppressWarnings("unchecked")
                    T result = (T) reply.get(wait, TimeUnit.NANOSECONDS);
                    return result;
                } catch (TimeoutException e) {
                    long left = limit.toNanos() - (System.nanoTime() - started);
                    if (left <= 0 || !heardFromWithin(timeout)) {
                        long waited = limit.equals(timeout) ? timeout.toMillis()
                                : Duration.ofNanos(System.nanoTime() - started).toMillis();
                        throw new OvsdbException("OVSDB at " + address + " did not answer " + method + " within "
                                + waited + " ms");
                    }
                    wait = Math.min(left, timeout.toNanos() / 4 + 1);
                }
            }
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
     * Whether the server showed signs of life lately: bytes arrived within {@code window}, or a message is still
     * being handled. A reply can be late because the server is still sending a large one or this side is busy
     * applying a large update; that is no dead server.
     */
    public boolean heardFromWithin(Duration window) {
        return busy || System.nanoTime() - lastMessageNanos < window.toNanos();
    }

    private void readLoop(JsonMessageFramer framer) {
        Exception cause;
        try {
            JsonMessageFramer.Frame message;
            while ((message = framer.next()) != null) {
                lastMessageNanos = System.nanoTime();
                busy = true;
                try {
                    dispatch(message);
                } catch (JsonProcessingException e) {
                    throw new OvsdbException("a message is not JSON: " + Failures.describe(e), e);
                }
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

    /** What one message said, gathered as its members stream by (RFC 7047 leaves their order free). */
    private static final class Message {
        String method;
        JsonNode id;
        JsonNode error;
        JsonNode echoParams;
        int[] deferredParams;
        int[] deferredResult;
        boolean resultRead;
        Object result;
        OvsdbException resultFailure;
    }

    private void dispatch(JsonMessageFramer.Frame frame) throws IOException {
        Message message = new Message();
        try (JsonParser parser = mapper.getFactory().createParser(frame.bytes(), 0, frame.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new OvsdbException("a message from OVSDB at " + address + " is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                parser.nextToken();
                switch (member) {
                    case "method" -> message.method = parser.currentToken() == JsonToken.VALUE_STRING
                            ? parser.getText() : skipped(parser);
                    case "id" -> message.id = mapper.readTree(parser);
                    case "error" -> message.error = mapper.readTree(parser);
                    case "params" -> {
                        if (message.method != null) {
                            params(message, parser);
                        } else {
                            message.deferredParams = range(parser);
                        }
                    }
                    case "result" -> {
                        if (message.id != null) {
                            result(message, parser);
                        } else {
                            message.deferredResult = range(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }
        if (message.deferredParams != null && message.method != null) {
            try (JsonParser parser = parserOver(frame, message.deferredParams)) {
                params(message, parser);
            }
        }
        if (message.deferredResult != null && message.id != null) {
            try (JsonParser parser = parserOver(frame, message.deferredResult)) {
                result(message, parser);
            }
        }
        finish(message);
    }

    private static String skipped(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /** Where the current value lies in the message: its first byte and the byte after its last. */
    private static int[] range(JsonParser parser) throws IOException {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        return new int[] {start, end};
    }

    private JsonParser parserOver(JsonMessageFramer.Frame frame, int[] range) throws IOException {
        JsonParser parser = mapper.getFactory().createParser(frame.bytes(), range[0], range[1] - range[0]);
        parser.nextToken();
        return parser;
    }

    private void params(Message message, JsonParser parser) throws IOException {
        if ("echo".equals(message.method)) {
            message.echoParams = mapper.readTree(parser);
            return;
        }
        boolean structure = parser.currentToken().isStructStart();
        int depth = JsonStructure.depth(parser);
        try {
            listener.onNotification(message.method, parser);
        } catch (OvsdbException e) {
            LOG.warn("ignoring an OVSDB {} from {}: {}", message.method, address, e.getMessage());
        }
        if (structure) {
            JsonStructure.finish(parser, depth);
        }
    }

    private void result(Message message, JsonParser parser) throws IOException {
        Pending waiting = message.id.canConvertToLong() && message.id.isIntegralNumber()
                ? pending.get(message.id.longValue()) : null;
        if (waiting == null) {
            parser.skipChildren();
            return;
        }
        boolean structure = parser.currentToken().isStructStart();
        int depth = JsonStructure.depth(parser);
        try {
            message.result = waiting.reader().read(parser);
        } catch (OvsdbException e) {
            message.resultFailure = e;
            if (structure) {
                JsonStructure.finish(parser, depth);
            }
        }
        message.resultRead = true;
    }

    private void finish(Message message) throws IOException {
        if (message.method != null) {
            if ("echo".equals(message.method)) {
                ObjectNode reply = mapper.createObjectNode();
                reply.set("id", message.id);
                reply.set("result", message.echoParams);
                reply.putNull("error");
                send(reply);
            } else if (!"update".equals(message.method) && !"update2".equals(message.method)) {
                LOG.debug("ignoring OVSDB notification {}", message.method);
            }
            return;
        }
        if (message.id == null || !message.id.isIntegralNumber() || !message.id.canConvertToLong()) {
            return;
        }
        Pending waiting = pending.get(message.id.longValue());
        if (waiting == null) {
            return;
        }
        if (message.error != null && !message.error.isNull()) {
            waiting.reply().completeExceptionally(new OvsdbErrorReply(waiting.method(),
                    OvsdbValueReader.abbreviate(message.error.toString())));
        } else if (message.resultFailure != null) {
            waiting.reply().completeExceptionally(message.resultFailure);
        } else if (message.resultRead) {
            waiting.reply().complete(message.result);
        } else {
            try (JsonParser absent = mapper.getFactory().createParser("null")) {
                absent.nextToken();
                waiting.reply().complete(waiting.reader().read(absent));
            } catch (OvsdbException e) {
                waiting.reply().completeExceptionally(e);
            }
        }
    }

    private void shutdown(Exception cause) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        pending.values().forEach(p -> p.reply().completeExceptionally(cause));
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
