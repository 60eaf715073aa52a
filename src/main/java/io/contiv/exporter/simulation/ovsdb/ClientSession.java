package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection. A reader (running on a thread the server lends) parses the stream of JSON values and
 * handles requests in order; a single writer thread sends replies and notifications in the order they were
 * produced, so a slow client or a delayed reply never blocks the database.
 *
 * <p>Like ovsdb-server, anything that is not valid JSON or not a valid JSON-RPC message ends the connection
 * without an answer, and notifications (requests with a null id) get no reply.
 */
final class ClientSession implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private final Socket socket;
    private final SimulatedOvsdbDatabase database;
    private final ActivityTrackingInputStream input;
    private final MessageWriter writer;
    private final ExecutorService outbound;
    private final OvsdbRequestHandler handler;
    private final InactivityProbe probe;
    private final Consumer<ClientSession> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    @FunctionalInterface
    private interface WriteTask {
        void run() throws IOException, InterruptedException;
    }

    ClientSession(Socket socket, SimulatedOvsdbDatabase database, TransactExecutor transact, FaultSwitches faults,
                    Duration probeInterval, Consumer<ClientSession> onClosed) throws IOException {
        this.socket = socket;
        this.database = database;
        this.onClosed = onClosed;
        this.input = new ActivityTrackingInputStream(socket.getInputStream());
        this.writer = new MessageWriter(socket.getOutputStream(), faults, this::close);
        this.outbound = Executors.newSingleThreadExecutor(NamedThreads.daemon(NamedThreads.PREFIX + "writer"));
        this.handler = new OvsdbRequestHandler(database, transact, this);
        this.probe = new InactivityProbe(probeInterval, input,
                () -> sendServerMessage(JsonRpcMessages.echoProbe()), this::dropUnresponsive);
    }

    /** Reads and handles messages until the client goes away or breaks the protocol; then closes. */
    void serve() {
        database.addListener(handler);
        try (JsonParser parser = OvsdbJson.MAPPER.createParser(input)) {
            while (!closed.get() && parser.nextToken() != null) {
                JsonNode message = OvsdbJson.MAPPER.readTree(parser);
                if (!dispatch(message)) {
                    LOG.warn("{}: received bad JSON-RPC message, dropping connection", peer());
                    break;
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.info("{}: connection dropped ({})", peer(), e.getMessage());
            }
        } finally {
            close();
        }
    }

    private boolean dispatch(JsonNode message) {
        if (!message.isObject()) {
            return false;
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method != null) {
            JsonNode params = message.get("params");
            if (!method.isTextual() || params == null || !params.isArray()) {
                return false;
            }
            if (id != null && !id.isNull()) {
                handler.handle(id, method.asText(), (ArrayNode) params);
            }
            return true;
        }
        // A reply, e.g. to our echo probe: receiving it was all that mattered.
        return id != null && (message.has("result") || message.has("error"));
    }

    void checkInactivity(long nowNanos) {
        if (!closed.get()) {
            probe.check(nowNanos);
        }
    }

    private void dropUnresponsive() {
        LOG.warn("{}: no response to inactivity probe, disconnecting", peer());
        close();
    }

    @Override
    public void sendReply(ObjectNode reply) {
        submit(() -> writer.writeReply(reply));
    }

    @Override
    public void sendServerMessage(ObjectNode message) {
        submit(() -> writer.writeServerMessage(message));
    }

    private void submit(WriteTask task) {
        if (closed.get()) {
            return;
        }
        try {
            outbound.execute(() -> {
                try {
                    task.run();
                } catch (IOException e) {
                    close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: the message has nowhere to go
        }
    }

    /** Closes the socket and stops the writer; safe to call from any thread, any number of times. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        database.removeListener(handler);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {}", peer(), e);
        }
        outbound.shutdownNow();
        onClosed.accept(this);
    }

    boolean awaitWriterStopped(Duration timeout) throws InterruptedException {
        return outbound.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String peer() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }
}
