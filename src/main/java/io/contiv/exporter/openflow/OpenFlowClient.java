package io.contiv.exporter.openflow;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.KeptConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Reads flow and table statistics from one bridge over its management socket ({@code <rundir>/<bridge>.mgmt}), a connection
 * of its own that leaves netplugin's controller session alone. The connection is kept between reads and opened
 * again after any failure; a read that fails on a connection kept from before is tried once more on a fresh one,
 * because the switch may have dropped an idle connection. One read at a time; each is bounded by the timeout.
 */
public final class OpenFlowClient implements AutoCloseable {

    private static final Logger LOG = ExporterLogs.logger(OpenFlowClient.class);

    private final Path socket;
    private final Duration timeout;
    private final KeptConnection<MessageChannel> channel = new KeptConnection<>();
    private long nextXid = 1;

    public OpenFlowClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    /** Every flow of the table with its counters, gathered across all the replies the switch splits it into. */
    public synchronized List<FlowStats> flowStats(int tableId) throws OpenFlowException {
        return multipart("the flow-stats request for table " + tableId,
                xid -> Messages.flowStatsRequest(xid, tableId), message -> {
                    FlowStatsReply reply = FlowStatsReply.decode(message);
                    return new Part<>(reply.flows(), reply.more());
                });
    }

    /** The statistics of every table of the bridge (OFPMP_TABLE): flows, lookups and matches. */
    public synchronized List<TableStats> tableStats() throws OpenFlowException {
        return multipart("the table-stats request", Messages::tableStatsRequest, message -> {
            TableStatsReply reply = TableStatsReply.decode(message);
            return new Part<>(reply.tables(), reply.more());
        });
    }

    /** One reply of a multipart request: its items, and whether more replies follow. */
    private record Part<T>(List<T> items, boolean more) {
    }

    @FunctionalInterface
    private interface PartDecoder<T> {
        Part<T> decode(OpenFlowMessage message) throws OpenFlowException;
    }

    /**
     * Sends the request made for a new transaction ID and gathers the items of every reply to it, on the kept
     * connection and, when that fails, once more on a new one, all within one timeout.
     */
    private <T> List<T> multipart(String what, java.util.function.LongFunction<OpenFlowMessage> request,
                                  PartDecoder<T> decoder) throws OpenFlowException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean reused = channel.isKept();
        try {
            return exchange(what, request, decoder, deadline);
        } catch (OpenFlowException e) {
            channel.drop();
            if (!reused || System.nanoTime() >= deadline) {
                throw e;
            }
            LOG.debug("reading {} on a kept connection failed ({}); trying a new connection", socket, e.getMessage());
            try {
                return exchange(what, request, decoder, deadline);
            } catch (OpenFlowException again) {
                channel.drop();
                throw again;
            }
        }
    }

    private <T> List<T> exchange(String what, java.util.function.LongFunction<OpenFlowMessage> request,
                                 PartDecoder<T> decoder, long deadline) throws OpenFlowException {
        MessageChannel connection = connected(deadline);
        long xid = nextXid++;
        connection.send(request.apply(xid), deadline);
        List<T> items = new ArrayList<>();
        while (true) {
            OpenFlowMessage message = connection.receive(deadline);
            if (message.type() == OpenFlow13.OFPT_ECHO_REQUEST) {
                connection.send(Messages.echoReply(message), deadline);
            } else if (message.xid() != xid) {
                LOG.trace("ignoring OpenFlow message type {} xid {} from {}", message.type(), message.xid(), socket);
            } else if (message.type() == OpenFlow13.OFPT_ERROR) {
                throw ErrorMessages.asException(message, socket + " rejected " + what);
            } else {
                Part<T> part = decoder.decode(message);
                items.addAll(part.items());
                if (!part.more()) {
                    return items;
                }
            }
        }
    }

    private MessageChannel connected(long deadline) throws OpenFlowException {
        return channel.get(() -> {
            MessageChannel opened = MessageChannel.connect(socket, deadline);
            try {
                opened.send(Messages.hello(nextXid++), deadline);
                VersionNegotiation.requireOpenFlow13(opened.receive(deadline), socket.toString());
            } catch (OpenFlowException e) {
                opened.close();
                throw e;
            }
            return opened;
        });
    }

    @Override
    public synchronized void close() {
        channel.drop();
    }
}
