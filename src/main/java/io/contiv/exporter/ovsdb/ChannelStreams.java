package io.contiv.exporter.ovsdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a socket channel that allow a read and a write at the same time. The JDK's
 * {@code Channels.newInputStream} holds the channel's blocking lock while it waits for data, which would block
 * every request we send until the server happened to send something first.
 */
public final class ChannelStreams {

    /** Reads some bytes into the buffer, as a channel does: the count, or -1 at the end of the stream. */
    @FunctionalInterface
    public interface ByteSource {
        int read(ByteBuffer into) throws IOException;
    }

    private ChannelStreams() {
    }

    static InputStream input(SocketChannel channel) {
        return input(channel::read);
    }

    /** An input stream that reads from {@code source}, e.g. a channel whose reads wait until a deadline. */
    public static InputStream input(ByteSource source) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return source.read(ByteBuffer.wrap(buffer, offset, length));
            }
        };
    }

    static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
