package io.contiv.exporter;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP exchanges bounded from start to end by the request's timeout. The JDK client applies
 * {@link HttpRequest#timeout()} only until the response headers arrive: a server that sends its headers and then
 * stalls (etcd's v2 watch does exactly that while nothing changes) would hold the caller forever.
 */
public final class BoundedHttp {

    private static final long GRACE_MILLIS = 100;
    /** Beyond the request's timeout, so that a late answer fails as the JDK says it (request timed out). */
    private static final Duration GRACE = Duration.ofMillis(GRACE_MILLIS);

    private BoundedHttp() {
    }

    /**
     * Sends the request and reads the whole body within the request's timeout (and {@value #GRACE_MILLIS} ms), or
     * fails with an {@link HttpTimeoutException}; the exchange is cancelled then.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request)
            throws IOException, InterruptedException {
        Duration timeout = request.timeout().orElseThrow(() ->
                new IllegalArgumentException("request to " + request.uri() + " has no timeout"));
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(Failures.describe(cause), cause);
        }
    }
}
