package io.contiv.exporter.tls;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The JDK's HTTP client, with TLS failures worded by {@link ClientTls#explain}; everything else as it is. */
final class ExplainingHttpClient extends HttpClient {

    private final HttpClient http;
    private final ClientTls tls;

    ExplainingHttpClient(HttpClient http, ClientTls tls) {
        this.http = http;
        this.tls = tls;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            HttpResponse<T> response = http.send(request, handler);
            tls.answered(peer(request.uri()));
            return response;
        } catch (IOException e) {
            throw tls.explain(e, peer(request.uri()));
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return explained(http.sendAsync(request, handler), request);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromises) {
        return explained(http.sendAsync(request, handler, pushPromises), request);
    }

    /** The exchange's outcome with its failure explained; cancelling the result cancels the exchange. */
    private <T> CompletableFuture<HttpResponse<T>> explained(CompletableFuture<HttpResponse<T>> exchange,
                                                            HttpRequest request) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        exchange.whenComplete((response, failure) -> {
            if (failure == null) {
                tls.answered(peer(request.uri()));
                result.complete(response);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                result.completeExceptionally(tls.explain(cause, peer(request.uri())));
            }
        });
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private static String peer(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return http.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return http.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return http.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return http.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return http.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return http.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return http.authenticator();
    }

    @Override
    public Version version() {
        return http.version();
    }

    @Override
    public Optional<Executor> executor() {
        return http.executor();
    }
}
