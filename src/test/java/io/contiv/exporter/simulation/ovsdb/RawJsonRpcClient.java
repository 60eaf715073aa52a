package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.testing.JsonTexts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A bare-bones OVSDB client for tests: writes JSON text as given and splits the reply stream into JSON values by
 * counting brackets (OVSDB puts no delimiter between messages), so tests can assert the exact bytes.
 */
final class RawJsonRpcClient implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawJsonRpcClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawJsonRpcClient connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        return new RawJsonRpcClient(socket);
    }

    void send(String json) throws IOException {
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends one request and returns the raw text of the next message. */
    String call(String json) throws IOException {
        send(json);
        return nextRaw();
    }

    JsonNode callParsed(String json) throws IOException {
        return MAPPER.readTree(call(json));
    }

    JsonNode next() throws IOException {
        return MAPPER.readTree(nextRaw());
    }

    /** The exact text of the next JSON value on the stream. */
    String nextRaw() throws IOException {
        return JsonTexts.next(in);
    }

    /** Everything until the server closes the connection. */
    byte[] readUntilClosed() throws IOException {
        return in.readAllBytes();
    }

    /**
     * True when the server closes the connection within {@code within}; what it sends before closing (its echo
     * probes) is read and skipped.
     */
    boolean closedByServerWithin(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) leftMillis);
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        } finally {
            socket.setSoTimeout(5_000);
        }
    }

    /** True when nothing arrives within {@code within}. */
    boolean silentFor(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            in.mark(1);
            in.read(); // data or end of stream: either way not silent
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(5_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
