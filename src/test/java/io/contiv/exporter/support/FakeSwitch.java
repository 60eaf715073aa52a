package io.contiv.exporter.support;

import io.contiv.exporter.openflow.OpenFlowMessage;
import io.contiv.exporter.testing.JsonTexts;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted OpenFlow peer on a unix socket, for the client's tests: each accepted connection runs the next script,
 * which reads and writes raw bytes. Failures in a script are kept and rethrown by {@link #close()}, which also
 * removes the socket.
 */
public final class FakeSwitch implements AutoCloseable {

    @FunctionalInterface
    public interface Script {
        void run(Conversation conversation) throws Exception;
    }

    /** One accepted connection, blocking. */
    public static final class Conversation {
        private final SocketChannel channel;

        Conversation(SocketChannel channel) {
            this.channel = channel;
        }

        public OpenFlowMessage receive() throws IOException {
            ByteBuffer header = readExactly(OpenFlowMessage.HEADER_LENGTH);
            int length = header.getShort(2) & 0xffff;
            ByteBuffer rest = readExactly(length - OpenFlowMessage.HEADER_LENGTH);
            byte[] all = new byte[length];
            header.get(all, 0, OpenFlowMessage.HEADER_LENGTH);
            rest.get(all, OpenFlowMessage.HEADER_LENGTH, length - OpenFlowMessage.HEADER_LENGTH);
            return OpenFlowMessage.decode(all);
        }

        public void send(byte[] bytes) throws IOException {
            sendInChunks(bytes, bytes.length);
        }

        /** Writes the bytes a few at a time, so that the client must reassemble messages. */
        public void sendInChunks(byte[] bytes, int chunk) throws IOException {
            for (int offset = 0; offset < bytes.length; offset += chunk) {
                ByteBuffer part = ByteBuffer.wrap(bytes, offset, Math.min(chunk, bytes.length - offset));
                while (part.hasRemaining()) {
                    channel.write(part);
                }
            }
        }

        /** Reads one JSON value the client sent (JSON-RPC, on Open vSwitch's other sockets). */
        public String receiveJsonObject() throws IOException {
            return JsonTexts.next(Channels.newInputStream(channel));
        }

        /** Waits until the client closes its end, so that the script does not close first. */
        public void awaitClose() throws IOException {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (channel.read(sink) >= 0) {
                sink.clear();
            }
        }

        private ByteBuffer readExactly(int count) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(count);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new IOException("client closed the connection");
                }
            }
            return buffer.flip();
        }
    }

    private final TemporaryDirectory directory = TemporaryDirectory.create("contiv-fake-switch-");
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** Listens on {@code br0.mgmt} in a temporary directory of its own. */
    public FakeSwitch(List<Script> scripts) {
        this(null, scripts);
    }

    /** Listens on the given socket path, e.g. a bridge's management socket in a run directory of the test's. */
    public FakeSwitch(Path socket, List<Script> scripts) {
        this.socket = socket != null ? socket : directory.resolve("br0.mgmt");
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(this.socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> {
            for (Script script : scripts) {
                try (SocketChannel channel = server.accept()) {
                    script.run(new Conversation(channel));
                } catch (Throwable e) {
                    if (server.isOpen()) {
                        failures.add(e);
                    }
                }
            }
        }, "fake-openflow-switch");
        thread.setDaemon(true);
        thread.start();
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5000);
        Files.deleteIfExists(socket);
        directory.close();
        if (!failures.isEmpty()) {
            throw new AssertionError("fake switch script failed", failures.get(0));
        }
    }
}
