package io.contiv.exporter.etcd;

import io.contiv.exporter.Failures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link EventStream} read through the exporter's HTTP client, for an {@code https} etcd: the client carries the
 * TLS settings and words TLS failures for the operator. Reading stops (no more demand) while the watch's thread is
 * behind, and resumes when it catches up.
 */
final class StreamThroughClient {

    private static final int MAX_ERROR_BYTES = 1 << 16;

    private final EventStream stream;
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private boolean starved;

    private StreamThroughClient(EventStream stream) {
        this.stream = stream;
    }

    /** Sends the watch request and waits, at most {@code timeout}, for etcd's answer to begin. */
    static EventStream.Opened open(EventStream stream, HttpClient http, URI uri, Duration timeout)
            throws EtcdException {
        StreamThroughClient through = new StreamThroughClient(stream);
        stream.readThrough(through);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<EventStream.Opened>> answer = http.sendAsync(request, through::subscriber);
        try {
            return answer.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS).body();
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
            throw new EtcdException("watch " + uri + " failed: " + Failures.describe(e.getCause()), e.getCause());
        }
    }

    void cancel() {
        Flow.Subscription current;
        synchronized (lock) {
            current = subscription;
        }
        if (current != null) {
            current.cancel();
        }
    }

    /** The watch's thread caught up: read on if reading had stopped. */
    void resume() {
        Flow.Subscription more = null;
        synchronized (lock) {
            if (starved && !stream.cancelled()) {
                starved = false;
                more = subscription;
            }
        }
        if (more != null) {
            more.request(1);
        }
    }

    private HttpResponse.BodySubscriber<EventStream.Opened> subscriber(HttpResponse.ResponseInfo info) {
        long index = info.headers().firstValueAsLong("X-Etcd-Index").orElse(0);
        if (info.statusCode() == 200) {
            return new Lines(new EventStream.Opened(200, index, ""));
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                body -> new EventStream.Opened(info.statusCode(), index,
                        new String(body, 0, Math.min(body.length, MAX_ERROR_BYTES), StandardCharsets.UTF_8)));
    }

    /** Hands the body's lines on; the response is complete for the caller as soon as the headers are in. */
    private final class Lines implements HttpResponse.BodySubscriber<EventStream.Opened> {
        private final CompletableFuture<EventStream.Opened> opened;
        private final EventStream.Lines lines = stream.lines(false);

        Lines(EventStream.Opened opened) {
            this.opened = CompletableFuture.completedFuture(opened);
        }

        @Override
        public CompletionStage<EventStream.Opened> getBody() {
            return opened;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            synchronized (lock) {
                subscription = given;
            }
            if (stream.cancelled()) {
                given.cancel();
            } else {
                given.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    lines.append(bytes, 0, bytes.length);
                }
            } catch (Exception tooLong) {
                cancel();
                stream.ended(tooLong);
                return;
            }
            Flow.Subscription more = null;
            synchronized (lock) {
                if (stream.behind()) {
                    starved = true;
                } else if (!stream.cancelled()) {
                    more = subscription;
                }
            }
            if (more != null) {
                more.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            stream.ended(failure);
        }

        @Override
        public void onComplete() {
            stream.ended(null);
        }
    }
}
