package io.contiv.exporter.openflow;

import io.contiv.exporter.Failures;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * OpenFlow messages over a unix socket, every read and write bounded by a deadline. The channel is non-blocking and
 * waited on with a selector: a blocking channel has no read timeout, and the JDK's stream adapters would serialise a
 * read and a write on one lock.
 */
final class MessageChannel implements AutoCloseable {

    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer input = ByteBuffer.allocate(2 * OpenFlowMessage.MAX_LENGTH);

    private MessageChannel(Path path, SocketChannel channel, Selector selector) {
        this.path = path;
        this.channel = channel;
        this.selector = selector;
        input.flip();
    }

    /** Connects within the deadline ({@link System#nanoTime()} based). */
    static MessageChannel connect(Path path, long deadline) throws OpenFlowException {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            selector = Selector.open();
            MessageChannel opened = new MessageChannel(path, channel, selector);
            if (!channel.connect(UnixDomainSocketAddress.of(path))) {
                opened.await(SelectionKey.OP_CONNECT, deadline, "connecting");
                channel.finishConnect();
            }
            return opened;
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            if (e instanceof OpenFlowException o) {
                throw o;
            }
            throw new OpenFlowException("cannot connect to " + path + ": " + Failures.describe(e), e);
        }
    }

    void send(OpenFlowMessage message, long deadline) throws OpenFlowException {
        ByteBuffer bytes = ByteBuffer.wrap(message.encode());
        try {
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "writing");
                }
            }
        } catch (IOException e) {
            throw wrap(e, "writing to");
        }
    }

    /** The next whole message from the switch. */
    OpenFlowMessage receive(long deadline) throws OpenFlowException {
        fill(OpenFlowMessage.HEADER_LENGTH, deadline);
        int length = input.getShort(input.position() + 2) & 0xffff;
        if (length < OpenFlowMessage.HEADER_LENGTH) {
            throw new OpenFlowException(path + " sent a message header with length " + length);
        }
        fill(length, deadline);
        byte[] bytes = new byte[length];
        input.get(bytes);
        return OpenFlowMessage.decode(bytes);
    }

    /** Reads until at least {@code count} unread bytes are buffered. */
    private void fill(int count, long deadline) throws OpenFlowException {
        try {
            while (input.remaining() < count) {
                input.compact();
                int read;
                try {
                    read = channel.read(input);
                } finally {
                    input.flip();
                }
                if (read < 0) {
                    throw new OpenFlowException(path + " closed the connection");
                }
                if (read == 0) {
                    await(SelectionKey.OP_READ, deadline, "reading from");
                }
            }
        } catch (IOException e) {
            throw wrap(e, "reading from");
        }
    }

    private void await(int operation, long deadline, String doing) throws IOException {
        SelectionKey key = channel.register(selector, operation);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new OpenFlowException("timed out " + doing + " " + path);
                }
                if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))) > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new OpenFlowException("interrupted while " + doing + " " + path);
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    private OpenFlowException wrap(IOException e, String doing) {
        return e instanceof OpenFlowException o ? o
                : new OpenFlowException(doing + " " + path + " failed: " + Failures.describe(e), e);
    }

    @Override
    public void close() {
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing after a failure; the failure is what matters
        }
    }

}
