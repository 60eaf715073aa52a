package io.contiv.exporter.openflow;

import io.contiv.exporter.DeadlineUnixSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** OpenFlow messages over a unix socket, every read and write bounded by a deadline. */
final class MessageChannel implements AutoCloseable {

    private final DeadlineUnixSocket<OpenFlowException> socket;
    private final ByteBuffer input = ByteBuffer.allocate(2 * OpenFlowMessage.MAX_LENGTH);

    private MessageChannel(DeadlineUnixSocket<OpenFlowException> socket) {
        this.socket = socket;
        input.flip();
    }

    /** Connects within the deadline ({@link System#nanoTime()} based). */
    static MessageChannel connect(Path path, long deadline) throws OpenFlowException {
        return new MessageChannel(DeadlineUnixSocket.connect(path, deadline, OpenFlowException::new));
    }

    void send(OpenFlowMessage message, long deadline) throws OpenFlowException {
        socket.write(ByteBuffer.wrap(message.encode()), deadline);
    }

    /** The next whole message from the switch. */
    OpenFlowMessage receive(long deadline) throws OpenFlowException {
        fill(OpenFlowMessage.HEADER_LENGTH, deadline);
        int length = input.getShort(input.position() + 2) & 0xffff;
        if (length < OpenFlowMessage.HEADER_LENGTH) {
            throw new OpenFlowException(socket.path() + " sent a message header with length " + length);
        }
        fill(length, deadline);
        byte[] bytes = new byte[length];
        input.get(bytes);
        return OpenFlowMessage.decode(bytes);
    }

    /** Reads until at least {@code count} unread bytes are buffered. */
    private void fill(int count, long deadline) throws OpenFlowException {
        while (input.remaining() < count) {
            input.compact();
            int read;
            try {
                read = socket.read(input, deadline);
            } finally {
                input.flip();
            }
            if (read < 0) {
                throw new OpenFlowException(socket.path() + " closed the connection");
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
