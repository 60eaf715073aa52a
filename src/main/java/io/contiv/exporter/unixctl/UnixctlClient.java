package io.contiv.exporter.unixctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.DeadlineUnixSocket;
import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.Failures;
import io.contiv.exporter.KeptConnection;
import io.contiv.exporter.ovsdb.ChannelStreams;
import io.contiv.exporter.ovsdb.JsonMessageFramer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Runs {@code ovs-appctl} commands without {@code ovs-appctl}: JSON-RPC 1.0 on ovs-vswitchd's control socket, framed
 * as OVSDB frames it ({@link JsonMessageFramer}). {@code {"method":"dpctl/show","params":[],"id":1}} is answered
 * with {@code {"id":1,"result":"<the text ovs-appctl prints>","error":null}}.
 *
 * <p>The connection is kept between calls and opened again after any failure; a call that fails on a kept connection
 * is tried once more on a fresh one (the socket is looked up again, so a restarted ovs-vswitchd is found). One call
 * at a time, each bounded by the timeout, on a non-blocking channel: a blocking one has no read timeout.
 */
public final class UnixctlClient implements AutoCloseable {

    /** Finds the socket to connect to; asked again for every new connection. */
    @FunctionalInterface
    public interface SocketLocator {
        Path locate() throws UnixctlException;
    }

    /** dpctl/show lists every port; tens of thousands of ports fit in this, and its parse in the heap. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = ExporterLogs.logger(UnixctlClient.class);

    private final SocketLocator locator;
    private final Duration timeout;
    private final int maxReplyBytes;
    private final ObjectMapper mapper;
    private final KeptConnection<Connection> connection = new KeptConnection<>();
    private long nextId = 1;

    public UnixctlClient(SocketLocator locator, Duration timeout, int maxReplyBytes) {
        this.locator = locator;
        this.timeout = timeout;
        this.maxReplyBytes = maxReplyBytes;
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxReplyBytes).maxNestingDepth(16).build());
    }

    /** A client of the ovs-vswitchd whose pid file is in {@code runDirectory}. */
    public static UnixctlClient forRunDirectory(Path runDirectory, Duration timeout) {
        return new UnixctlClient(() -> ControlSocket.locate(runDirectory), timeout, DEFAULT_MAX_REPLY_BYTES);
    }

    /** The text the command prints, as {@code ovs-appctl COMMAND ARGUMENTS...} would print it. */
    public synchronized String call(String command, String... arguments) throws UnixctlException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean reused = connection.isKept();
        JsonNode reply;
        try {
            reply = request(command, arguments, deadline);
        } catch (UnixctlException e) {
            connection.drop();
            if (!reused || System.nanoTime() >= deadline) {
                throw e;
            }
            LOG.debug("unixctl {} on a kept connection failed ({}); trying a new connection", command,
                    e.getMessage());
            try {
                reply = request(command, arguments, deadline);
            } catch (UnixctlException again) {
                connection.drop();
                throw again;
            }
        }
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            throw new UnixctlException("ovs-vswitchd refused " + command + ": "
                    + Failures.oneLine(error.isTextual() ? error.textValue() : error.toString()));
        }
        JsonNode result = reply.get("result");
        if (result == null || !result.isTextual()) {
            throw new UnixctlException("ovs-vswitchd answered " + command + " without a text result");
        }
        return result.textValue();
    }

    private JsonNode request(String command, String[] arguments, long deadline) throws UnixctlException {
        Connection conn = connected(deadline);
        long id = nextId++;
        ObjectNode request = mapper.createObjectNode();
        request.put("method", command);
        var params = request.putArray("params");
        for (String argument : arguments) {
            params.add(argument);
        }
        request.put("id", id);
        try {
            conn.send(mapper.writeValueAsBytes(request), deadline);
            while (true) {
                byte[] message = conn.next(deadline);
                if (message == null) {
                    throw new UnixctlException(conn.path() + " closed the connection");
                }
                JsonNode reply = parse(message, command);
                JsonNode replyId = reply.get("id");
                if (replyId != null && replyId.canConvertToLong() && replyId.asLong() == id) {
                    return reply;
                }
                LOG.trace("ignoring unixctl message for id {} from {}", replyId, conn.path());
            }
        } catch (UnixctlException e) {
            throw e;
        } catch (IOException e) {
            throw new UnixctlException("reading " + command + " from " + conn.path() + " failed: "
                    + Failures.describe(e), e);
        }
    }

    private JsonNode parse(byte[] message, String command) throws UnixctlException {
        try {
            JsonNode reply = mapper.readTree(message);
            if (reply == null || !reply.isObject()) {
                throw new UnixctlException("ovs-vswitchd answered " + command + " with something other than an "
                        + "object");
            }
            return reply;
        } catch (JsonProcessingException e) {
            throw new UnixctlException("ovs-vswitchd's reply to " + command + " is not JSON: "
                    + Failures.describe(e), e);
        } catch (IOException e) {
            throw new UnixctlException("cannot parse the reply to " + command + ": " + Failures.describe(e), e);
        }
    }

    private Connection connected(long deadline) throws UnixctlException {
        return connection.get(() -> Connection.open(locator.locate(), maxReplyBytes, deadline));
    }

    @Override
    public synchronized void close() {
        connection.drop();
    }

    /** One connection, its replies framed as they arrive; every read ends by the deadline of the call. */
    private static final class Connection implements AutoCloseable {

        private final DeadlineUnixSocket<UnixctlException> socket;
        private final JsonMessageFramer framer;
        private long deadline;

        private Connection(DeadlineUnixSocket<UnixctlException> socket, int maxReplyBytes) {
            this.socket = socket;
            this.framer = new JsonMessageFramer(ChannelStreams.input(into -> socket.read(into, deadline)),
                    maxReplyBytes);
        }

        static Connection open(Path path, int maxReplyBytes, long deadline) throws UnixctlException {
            return new Connection(DeadlineUnixSocket.connect(path, deadline, UnixctlException::new), maxReplyBytes);
        }

        Path path() {
            return socket.path();
        }

        void send(byte[] bytes, long until) throws UnixctlException {
            socket.write(ByteBuffer.wrap(bytes), until);
        }

        /** The next whole message, or null when the switch closed the connection between messages. */
        byte[] next(long until) throws IOException {
            deadline = until;
            JsonMessageFramer.Frame frame = framer.next();
            return frame == null ? null : frame.copy();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
