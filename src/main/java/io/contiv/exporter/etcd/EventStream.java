package io.contiv.exporter.etcd;

import io.contiv.exporter.Failures;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;

/**
 * One etcd v2 streaming watch ({@code ?wait=true&recursive=true&stream=true}): etcd answers with chunked JSON events,
 * one per line, for as long as the connection lasts. Each line goes to a queue that the watch's thread drains; while
 * that thread is behind, reading stops (etcd then drops the watcher and the stream ends, and the watch resumes from
 * its index). An answer other than 200 is read (bounded) for its error.
 *
 * <p>Over plain HTTP, an HTTP/1.1 exchange on a socket of its own, read by a thread of the stream's own: a watch
 * receives every change of the directory, most of them for other nodes, and the JDK client's per-chunk machinery cost
 * several times the reading itself. Over https, the exporter's HTTP client, whose TLS settings and failure reports
 * are the operator's ({@link StreamThroughClient}).
 */
final class EventStream {

    /** Something the stream hands to the watch's thread. */
    sealed interface Item permits Line, Ended {
        EventStream stream();
    }

    record Line(EventStream stream, byte[] bytes) implements Item {
    }

    /** The stream is over: etcd closed it ({@code failure} null) or it broke. */
    record Ended(EventStream stream, Throwable failure) implements Item {
    }

    /** What etcd answered before the events: the status, etcd's index then, and an error body if not 200. */
    record Opened(int status, long etcdIndex, String errorBody) {
    }

    /** The stream and how etcd answered; for a non-200 answer the stream carries nothing. */
    record Opening(EventStream stream, Opened opened) {
    }

    static final int MAX_EVENT_BYTES = 1 << 20;
    private static final int MAX_HEADER_BYTES = 1 << 16;
    private static final int MAX_ERROR_BYTES = 1 << 16;
    private static final int HIGH_WATER = 1024;
    private static final int LOW_WATER = 256;

    private final BlockingQueue<Object> queue;
    private final Socket socket;
    private final Object lock = new Object();
    private int queued;
    private volatile boolean cancelled;
    /** Set for a stream read through the HTTP client: how to stop it and how to ask for more. */
    private volatile StreamThroughClient client;

    private EventStream(BlockingQueue<Object> queue, Socket socket) {
        this.queue = queue;
        this.socket = socket;
    }

    /**
     * Sends the watch request and waits, at most {@code timeout}, for etcd's answer to begin. Events then arrive in
     * {@code queue}, ending with an {@link Ended}.
     */
    static Opening open(HttpClient http, URI uri, Duration timeout, BlockingQueue<Object> queue)
            throws EtcdException {
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            EventStream stream = new EventStream(queue, null);
            return new Opening(stream, StreamThroughClient.open(stream, http, uri, timeout));
        }
        Socket socket = null;
        try {
            socket = connect(http, uri, timeout);
            EventStream stream = new EventStream(queue, socket);
            OutputStream out = socket.getOutputStream();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: application/json\r\nUser-Agent: contiv-exporter\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            Head head = Head.read(in);
            if (head.status() != 200) {
                byte[] body = head.chunked() ? Body.chunked(in, MAX_ERROR_BYTES)
                        : in.readNBytes((int) Math.min(MAX_ERROR_BYTES, Math.max(0, head.length())));
                socket.close();
                return new Opening(stream, new Opened(head.status(), head.etcdIndex(),
                        new String(body, StandardCharsets.UTF_8)));
            }
            // from now on events come when things change: no read timeout, the watch checks etcd when it is quiet
            socket.setSoTimeout(0);
            Thread reader = new Thread(() -> stream.read(in, head.chunked()), "etcd-watch-stream");
            reader.setDaemon(true);
            reader.start();
            return new Opening(stream, new Opened(200, head.etcdIndex(), ""));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new EtcdException("watch " + uri + " failed: " + Failures.describe(e), e);
        }
    }

    private static Socket connect(HttpClient http, URI uri, Duration timeout) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80),
                    (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            plain.setTcpNoDelay(true);
            return plain;
        } catch (IOException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    /** Stops reading and closes the connection; lines already queued stay (the watch ignores a stale stream's). */
    void cancel() {
        cancelled = true;
        closeQuietly(socket);
        StreamThroughClient through = client;
        if (through != null) {
            through.cancel();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** The watch's thread took an item of this stream: the reader goes on if it had stopped for it. */
    void taken() {
        boolean resume;
        synchronized (lock) {
            queued--;
            resume = queued <= LOW_WATER;
            if (resume) {
                lock.notifyAll();
            }
        }
        StreamThroughClient through = client;
        if (resume && through != null) {
            through.resume();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    void readThrough(StreamThroughClient through) {
        this.client = through;
    }

    /** Whether the watch's thread is far behind: the reader should stop until it catches up. */
    boolean behind() {
        synchronized (lock) {
            return queued >= HIGH_WATER;
        }
    }

    /** A splitter of the body into lines, each handed on as it completes; {@code wait} whether to block when behind. */
    Lines lines(boolean wait) {
        return new Lines(wait);
    }

    /** Hands on the end of the stream, unless it was given up. */
    void ended(Throwable failure) {
        if (!cancelled) {
            offer(new Ended(this, failure));
        }
    }

    private void read(InputStream in, boolean chunked) {
        Throwable failure = null;
        try {
            Lines lines = new Lines(true);
            if (chunked) {
                Body.eachChunk(in, lines::append);
            } else {
                byte[] buffer = new byte[16384];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    lines.append(buffer, 0, n);
                }
            }
        } catch (IOException | InterruptedException e) {
            failure = e;
        } finally {
            closeQuietly(socket);
            if (!cancelled) {
                offer(new Ended(this, failure));
            }
        }
    }

    private void offer(Item item) {
        synchronized (lock) {
            queued++;
        }
        queue.add(item);
    }

    /** Waits while the watch's thread is far behind. */
    private void backPressure() throws InterruptedException {
        synchronized (lock) {
            while (queued >= HIGH_WATER && !cancelled) {
                lock.wait();
            }
        }
    }

    /** Splits the body into lines, each handed on as it completes. */
    final class Lines {
        private final boolean wait;
        private byte[] partial = new byte[0];

        Lines(boolean wait) {
            this.wait = wait;
        }

        void append(byte[] bytes, int from, int to) throws IOException, InterruptedException {
            int start = from;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    byte[] line = join(bytes, start, i);
                    if (line.length > 0) {
                        if (wait) {
                            backPressure();
                        }
                        offer(new Line(EventStream.this, line));
                    }
                    start = i + 1;
                }
            }
            partial = join(bytes, start, to);
            if (partial.length > MAX_EVENT_BYTES) {
                throw new EtcdException("a watch event longer than " + MAX_EVENT_BYTES + " bytes");
            }
        }

        private byte[] join(byte[] bytes, int from, int to) {
            if (partial.length == 0) {
                return Arrays.copyOfRange(bytes, from, to);
            }
            byte[] line = Arrays.copyOf(partial, partial.length + to - from);
            System.arraycopy(bytes, from, line, partial.length, to - from);
            partial = new byte[0];
            return line;
        }
    }

    /** The status line and the headers the watch needs. */
    private record Head(int status, long etcdIndex, boolean chunked, long length) {

        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + statusLine);
            }
            long index = 0;
            boolean chunked = false;
            long length = -1;
            int read = statusLine.length();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                read += header.length();
                if (read > MAX_HEADER_BYTES) {
                    throw new IOException("HTTP headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "x-etcd-index" -> index = parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "content-length" -> length = parseLong(value);
                    default -> { }
                }
            }
            return new Head(status, index, chunked, length);
        }

        private static long parseLong(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** HTTP/1.1 chunked bodies. */
    private static final class Body {

        @FunctionalInterface
        interface Sink {
            void accept(byte[] bytes, int from, int to) throws IOException, InterruptedException;
        }

        /** Hands each chunk's bytes on until the last chunk; the end of the stream before it is a failure. */
        static void eachChunk(InputStream in, Sink sink) throws IOException, InterruptedException {
            byte[] buffer = new byte[16384];
            while (true) {
                String sizeLine = line(in);
                int semicolon = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + sizeLine);
                }
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return;
                }
                long left = size;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException("the stream ended inside a chunk");
                    }
                    sink.accept(buffer, 0, n);
                    left -= n;
                }
                line(in);
            }
        }

        /** A whole chunked body, at most {@code limit} bytes of it kept. */
        static byte[] chunked(InputStream in, int limit) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                eachChunk(in, (bytes, from, to) -> body.write(bytes, from, Math.min(to - from,
                        Math.max(0, limit - body.size()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            return body.toByteArray();
        }
    }

    /** One CRLF-ended line of ASCII, without its end; the end of the stream is a failure. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_BYTES) {
                throw new IOException("a line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.append((char) c);
        }
        throw new IOException("the connection closed");
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
