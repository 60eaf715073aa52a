package io.contiv.exporter.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.BoundedHttp;
import io.contiv.exporter.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange with etcd, bounded by the request's timeout from request to last byte (see {@link BoundedHttp}),
 * failures turned into {@link EtcdException}s that name the request.
 */
final class EtcdHttp {

    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    EtcdHttp(HttpClient http) {
        this.http = http;
    }

    HttpResponse<byte[]> send(HttpRequest request) throws EtcdException {
        try {
            return BoundedHttp.send(http, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdException("interrupted while asking etcd at " + request.uri());
        } catch (IOException e) {
            throw new EtcdException(request.method() + " " + request.uri() + " failed: " + Failures.describe(e), e);
        }
    }

    /**
     * The same exchange without waiting for it: fails with an {@link EtcdException} naming the request, and with a
     * timeout when the whole answer is not in within the request's timeout.
     */
    CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest request) {
        long timeout = request.timeout().orElseThrow().toMillis() + 100;
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeout, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new EtcdException(request.method()
                        + " " + request.uri() + " failed: " + Failures.describe(unwrap(failure)), unwrap(failure))));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    JsonNode parse(byte[] body, URI uri) throws EtcdException {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new EtcdException(uri + ": reply is not JSON");
        }
    }
}
