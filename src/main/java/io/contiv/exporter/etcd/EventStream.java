package io.contiv.exporter.etcd;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One etcd v2 streaming watch ({@code ?wait=true&recursive=true&stream=true}): etcd answers with chunked JSON events,
 * one per line, for as long as the connection lasts. Lines are handed to a queue that the watch's thread drains; while
 * that thread is behind, no more is read from the socket (etcd then drops the watcher and the stream ends, and the
 * watch resumes from its index). An answer other than 200 is collected (bounded) for its error.
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

    static final int MAX_EVENT_BYTES = 1 << 20;
    private static final int MAX_ERROR_BYTES = 1 << 16;
    private static final int HIGH_WATER = 1024;
    private static final int LOW_WATER = 256;

    private final BlockingQueue<Object> queue;
    private final AtomicInteger queued = new AtomicInteger();
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private boolean starved;
    private boolean cancelled;

    private EventStream(BlockingQueue<Object> queue) {
        this.queue = queue;
    }

    /**
     * Sends the watch request and waits, at most {@code timeout}, for etcd's answer to begin. Events then arrive in
     * {@code queue}, ending with an {@link Ended}.
     */
    static Opening open(HttpClient http, URI uri, Duration timeout, BlockingQueue<Object> queue)
            throws EtcdException {
        EventStream stream = new EventStream(queue);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<Opened>> answer = http.sendAsync(request, info -> stream.subscriber(info));
        try {
            HttpResponse<Opened> response = answer.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
            return new Opening(stream, response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            stream.cancel();
            throw new EtcdException("watch " + uri + " failed: no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            stream.cancel();
            Thread.currentThread().interrupt();
            throw new EtcdException("interrupted while opening watch " + uri);
        } catch (ExecutionException e) {
            stream.cancel();
            throw new EtcdException("watch " + uri + " failed: " + io.contiv.exporter.Failures.describe(e.getCause()),
                    e.getCause());
        }
    }

    /** The stream and how etcd answered; for a non-200 answer the stream carries nothing. */
    record Opening(EventStream stream, Opened opened) {
    }

    /** Stops reading and closes the connection; items already queued stay (the watch ignores a stale stream's). */
    void cancel() {
        Flow.Subscription current;
        synchronized (lock) {
            cancelled = true;
            current = subscription;
        }
        if (current != null) {
            current.cancel();
        }
    }

    /** The watch's thread took an item of this stream: read on if reading had stopped for it. */
    void taken() {
        int left = queued.decrementAndGet();
        Flow.Subscription resume = null;
        synchronized (lock) {
            if (starved && left <= LOW_WATER && !cancelled) {
                starved = false;
                resume = subscription;
            }
        }
        if (resume != null) {
            resume.request(1);
        }
    }

    private HttpResponse.BodySubscriber<Opened> subscriber(HttpResponse.ResponseInfo info) {
        long index = info.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        if (info.statusCode() == 200) {
            return new Lines(new Opened(200, index, ""));
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                body -> new Opened(info.statusCode(), index,
                        new String(body, 0, Math.min(body.length, MAX_ERROR_BYTES), StandardCharsets.UTF_8)));
    }

    private void offer(Item item) {
        queued.incrementAndGet();
        queue.add(item);
    }

    /** Splits the body into lines; the response is complete for the caller as soon as the headers are in. */
    private final class Lines implements HttpResponse.BodySubscriber<Opened> {
        private final CompletableFuture<Opened> opened;
        private byte[] partial = new byte[0];

        Lines(Opened opened) {
            this.opened = CompletableFuture.completedFuture(opened);
        }

        @Override
        public CompletionStage<Opened> getBody() {
            return opened;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            boolean stop;
            synchronized (lock) {
                subscription = given;
                stop = cancelled;
            }
            if (stop) {
                given.cancel();
            } else {
                given.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    split(buffer);
                }
            } catch (EtcdException tooLong) {
                cancel();
                offer(new Ended(EventStream.this, tooLong));
                return;
            }
            Flow.Subscription more = null;
            synchronized (lock) {
                if (queued.get() >= HIGH_WATER) {
                    starved = true;
                } else if (!cancelled) {
                    more = subscription;
                }
            }
            if (more != null) {
                more.request(1);
            }
        }

        private void split(ByteBuffer buffer) throws EtcdException {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    byte[] line = join(bytes, start, i);
                    if (line.length > 0) {
                        offer(new Line(EventStream.this, line));
                    }
                    start = i + 1;
                }
            }
            partial = join(bytes, start, bytes.length);
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

        @Override
        public void onError(Throwable failure) {
            offer(new Ended(EventStream.this, failure));
        }

        @Override
        public void onComplete() {
            offer(new Ended(EventStream.this, null));
        }
    }
}
