package io.contiv.exporter.openflow;

import io.contiv.exporter.ExporterLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Reads flow statistics from one bridge over its management socket ({@code <rundir>/<bridge>.mgmt}), a connection
 * of its own that leaves netplugin's controller session alone. The connection is kept between reads and opened
 * again after any failure; a read that fails on a connection kept from before is tried once more on a fresh one,
 * because the switch may have dropped an idle connection. One read at a time; each is bounded by the timeout.
 */
public final class OpenFlowClient implements AutoCloseable {

    private static final Logger LOG = ExporterLogs.logger(OpenFlowClient.class);

    private final Path socket;
    private final Duration timeout;
    private MessageChannel channel;
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
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean reused = channel != null;
        try {
            return request(tableId, deadline);
        } catch (OpenFlowException e) {
            disconnect();
            if (!reused || System.nanoTime() >= deadline) {
                throw e;
            }
            LOG.debug("reading {} on a kept connection failed ({}); trying a new connection", socket, e.getMessage());
            try {
                return request(tableId, deadline);
            } catch (OpenFlowException again) {
                disconnect();
                throw again;
            }
        }
    }

    private List<FlowStats> request(int tableId, long deadline) throws OpenFlowException {
        MessageChannel connection = connected(deadline);
        long xid = nextXid++;
        connection.send(Messages.flowStatsRequest(xid, tableId), deadline);
        List<FlowStats> flows = new ArrayList<>();
        while (true) {
            OpenFlowMessage message = connection.receive(deadline);
            if (message.type() == OpenFlow13.OFPT_ECHO_REQUEST) {
                connection.send(Messages.echoReply(message), deadline);
            } else if (message.xid() != xid) {
                LOG.trace("ignoring OpenFlow message type {} xid {} from {}", message.type(), message.xid(), socket);
            } else if (message.type() == OpenFlow13.OFPT_ERROR) {
                throw ErrorMessages.asException(message, socket + " rejected the flow-stats request for table "
                        + tableId);
            } else {
                FlowStatsReply reply = FlowStatsReply.decode(message);
                flows.addAll(reply.flows());
                if (!reply.more()) {
                    return flows;
                }
            }
        }
    }

    private MessageChannel connected(long deadline) throws OpenFlowException {
        if (channel != null) {
            return channel;
        }
        MessageChannel opened = MessageChannel.connect(socket, deadline);
        try {
            opened.send(Messages.hello(nextXid++), deadline);
            VersionNegotiation.requireOpenFlow13(opened.receive(deadline), socket.toString());
        } catch (OpenFlowException e) {
            opened.close();
            throw e;
        }
        channel = opened;
        return opened;
    }

    private void disconnect() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
