package io.contiv.exporter;

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
 * A unix socket connection whose every connect, read and write ends by a deadline ({@link System#nanoTime()}
 * based), for the clients of Open vSwitch's own sockets (OpenFlow management sockets, the control socket). The
 * channel is non-blocking and waited on with a selector: a blocking channel has no read timeout, and the JDK's
 * stream adapters would serialise a read and a write on one lock. Every failure is raised as the caller's own
 * exception type, made by {@link Failure}.
 */
public final class DeadlineUnixSocket<E extends IOException> implements AutoCloseable {

    /** Makes the exception a client raises, from a message and an optional cause. */
    @FunctionalInterface
    public interface Failure<X extends IOException> {
        X of(String message, Throwable cause);
    }

    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final Failure<E> failure;

    private DeadlineUnixSocket(Path path, SocketChannel channel, Selector selector,
                               Failure<E> failure) {
        this.path = path;
        this.channel = channel;
        this.selector = selector;
        this.failure = failure;
    }

    public static <E extends IOException> DeadlineUnixSocket<E> connect(Path path, long deadline,
                                                                        Failure<E> failure) throws E {
        SocketChannel channel = null;
        Selector selector = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            selector = Selector.open();
            DeadlineUnixSocket<E> opened = new DeadlineUnixSocket<>(path, channel, selector, failure);
            if (!channel.connect(UnixDomainSocketAddress.of(path))) {
                opened.await(SelectionKey.OP_CONNECT, deadline, "connecting to");
                channel.finishConnect();
            }
            return opened;
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(selector);
            throw failure.of("cannot connect to " + path + ": " + Failures.describe(e), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Writes all of {@code bytes}. */
    public void write(ByteBuffer bytes, long deadline) throws E {
        try {
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "writing to");
                }
            }
        } catch (IOException e) {
            throw wrap(e, "writing to");
        }
    }

    /** Reads at least one byte into {@code into}, or returns -1 when the peer closed the connection. */
    public int read(ByteBuffer into, long deadline) throws E {
        try {
            while (true) {
                int read = channel.read(into);
                if (read != 0) {
                    return read;
                }
                await(SelectionKey.OP_READ, deadline, "reading from");
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
                    throw new Timeout("timed out " + doing + " " + path);
                }
                if (selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))) > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new Timeout("interrupted while " + doing + " " + path);
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    /** A timeout keeps its own message; anything else says what was being done where. */
    private E wrap(IOException e, String doing) {
        return e instanceof Timeout ? failure.of(e.getMessage(), null)
                : failure.of(doing + " " + path + " failed: " + Failures.describe(e), e);
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

    private static final class Timeout extends IOException {
        Timeout(String message) {
            super(message);
        }
    }
}
