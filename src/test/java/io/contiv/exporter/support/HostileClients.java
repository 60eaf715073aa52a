package io.contiv.exporter.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * What an attacker on the node's network does to an exporter's port, from loopback: connections that stall
 * half-way through a request or a TLS handshake, connections that never send anything, clients that ask for the
 * metrics and never read them, and requests that are not HTTP. Every connection it opens is held until
 * {@link #close()}; {@link #notClosedByServer} tells which of them the server has not closed.
 *
 * <p>Needs a file descriptor per connection held: see {@link #openFileLimit()}.
 */
public final class HostileClients implements AutoCloseable {

    /** A request that reached the server: the status it got (-1 when the server closed instead) and in how long. */
    public record Outcome(String what, int status, long millis) {
        @Override
        public String toString() {
            return what + ": " + (status < 0 ? "closed" : status) + " in " + millis + " ms";
        }
    }

    /** A scrape's status, time and body (gunzipped). */
    public record Scrape(int status, long millis, String body) {
    }

    private record Held(String kind, Socket socket) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final String NON_READER = "non-reader";

    private final int port;
    private final SSLContext tls;
    private final String authorization;
    private final List<Held> held = new ArrayList<>();

    /**
     * @param tls           the client side of the server's TLS, or null for plain HTTP
     * @param authorization the Authorization header of a legitimate scraper, or null
     */
    public HostileClients(int port, SSLContext tls, String authorization) {
        this.port = port;
        this.tls = tls;
        this.authorization = authorization;
    }

    /** The soft limit on open files of this process, from /proc/self/limits (-1 when unknown). */
    public static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Connections that send {@code GET /metrics HTTP/1.1\r\nHost: x\r\n} (after the TLS handshake) and stop. */
    public void stallHalfRequests(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = open(true);
            socket.getOutputStream().write(ascii("GET /metrics HTTP/1.1\r\nHost: x\r\n"));
            socket.getOutputStream().flush();
            held.add(new Held("half request", socket));
        }
    }

    /** TCP connections that send a TLS record header announcing a ClientHello, and nothing more. */
    public void stallHandshakes(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Socket socket = open(false);
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            socket.getOutputStream().flush();
            held.add(new Held("half handshake", socket));
        }
    }

    /** TCP connections that send nothing at all. */
    public void idle(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            held.add(new Held("idle", open(false)));
        }
    }

    /**
     * Clients that ask for the metrics (with the scraper's credentials) and never read the answers: each sends
     * {@code requestsEach} requests at once (pipelined), more than the socket buffers between them hold.
     */
    public void nonReaders(int count, int requestsEach) throws IOException {
        byte[] requests = ascii(("GET /metrics HTTP/1.1\r\nHost: x\r\n" + credentials() + "\r\n")
                .repeat(requestsEach));
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
            socket = tls == null ? socket : handshake(socket);
            socket.getOutputStream().write(requests);
            socket.getOutputStream().flush();
            held.add(new Held(NON_READER, socket));
        }
    }

    /**
     * Requests that are not HTTP, or not HTTP the server should take, each on a connection of its own (over TLS
     * when the server speaks it): what each got, and in how long.
     */
    public List<Outcome> malformed() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(send("garbage", ascii("\u0001\u0002garbage \u00ff\r\n\r\n")));
        outcomes.add(send("HTTP/2 preface", ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")));
        outcomes.add(send("1 MiB header", ascii("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(1 << 20) + "\r\n\r\n")));
        StringBuilder many = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 10_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        outcomes.add(send("10,000 headers", ascii(many.append("\r\n").toString())));
        outcomes.add(send("bad method", ascii("DELETE /metrics HTTP/1.1\r\nHost: x\r\n" + credentials() + "\r\n")));
        outcomes.add(send("invalid method", ascii("G\u0001T /metrics HTTP/1.1\r\nHost: x\r\n\r\n")));
        outcomes.add(send("pipelined, then garbage", ascii("GET /-/healthy HTTP/1.1\r\nHost: x\r\n" + credentials()
                + "\r\nGET /-/healthy HTTP/1.1\r\nHost: x\r\n" + credentials() + "\r\n\u0001garbage\r\n\r\n")));
        return outcomes;
    }

    /**
     * A scrape as Prometheus sends it (OpenMetrics, gzip, the scraper's credentials) on a new connection: status,
     * time to the last byte, and the body.
     */
    public Scrape scrape() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = open(true)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ascii("GET /metrics HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n"
                    + "Accept-Encoding: gzip\r\n" + credentials() + "Connection: close\r\n\r\n"));
            socket.getOutputStream().flush();
            byte[] response = socket.getInputStream().readAllBytes();
            long millis = (System.nanoTime() - started) / 1_000_000;
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            int status = statusOf(text);
            if (headEnd < 0) {
                return new Scrape(status, millis, "");
            }
            byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
            boolean gzip = text.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("content-encoding: gzip");
            return new Scrape(status, millis, new String(gzip ? new GZIPInputStream(
                    new java.io.ByteArrayInputStream(body)).readAllBytes() : body, StandardCharsets.UTF_8));
        }
    }

    public int held() {
        return held.size();
    }

    /**
     * The connections held, other than non-readers, whose server side is still open: each is read (and what it
     * sent dropped) until the server's end of stream or reset, waiting at most {@code waitMillis} in all for those
     * still open. A non-reader cannot be told apart this way: reading it drains what the server left in the
     * socket buffers, slowly through its small window, closed or not; ask the server how many it holds instead.
     */
    public List<String> notClosedByServer(long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        List<String> open = new ArrayList<>();
        byte[] sink = new byte[64 * 1024];
        for (Held connection : held) {
            if (connection.kind().equals(NON_READER)) {
                continue;
            }
            try {
                InputStream in = connection.socket().getInputStream();
                while (true) {
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                    connection.socket().setSoTimeout((int) Math.min(left, 1_000));
                    if (in.read(sink) < 0) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                open.add(connection.kind());
            } catch (IOException e) {
                // reset, or a TLS alert: closed by the server
            }
        }
        return open;
    }

    /** Opens a connection; with TLS on and {@code handshake}, completes the handshake first. */
    private Socket open(boolean handshake) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
        return tls != null && handshake ? handshake(socket) : socket;
    }

    private SSLSocket handshake(Socket socket) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", port, true);
        secure.setSoTimeout(10_000);
        secure.startHandshake();
        secure.setSoTimeout(0);
        return secure;
    }

    /** Sends the bytes on a new connection and reads the first answer, or notes that the server closed. */
    private Outcome send(String what, byte[] request) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = open(true)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read all of a request too large to read
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (SocketTimeoutException e) {
                return new Outcome(what + " (no answer, still open)", 0, (System.nanoTime() - started) / 1_000_000);
            } catch (IOException e) {
                // reset: whatever came before it counts
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            int status = text.isEmpty() ? -1 : statusOf(text);
            // pipelined: the last status line is what the garbage got
            int last = text.lastIndexOf("HTTP/1.1 ");
            if (last > 0) {
                status = statusOf(text.substring(last));
                what += " (" + (text.split("HTTP/1.1 ", -1).length - 1) + " answers)";
            }
            return new Outcome(what, status, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private String credentials() {
        return authorization == null ? "" : "Authorization: " + authorization + "\r\n";
    }

    private static int statusOf(String response) {
        if (!response.startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(response.substring(9, 12));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        for (Held connection : held) {
            try {
                connection.socket().close();
            } catch (IOException ignored) {
                // closing what the server may have closed already
            }
        }
        held.clear();
    }
}
