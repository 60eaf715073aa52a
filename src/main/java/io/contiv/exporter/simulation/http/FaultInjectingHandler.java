package io.contiv.exporter.simulation.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HTTP exchanges into {@link SimulatedRequest}s: counts each, applies the {@link HttpFaults}
 * and sends what the {@link Responder} answers.
 */
public final class FaultInjectingHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingHandler.class);

    private final Responder content;
    private final Supplier<SimulatedResponse> serverError;
    private final HttpFaults faults;
    private final RequestCounter counter;

    /**
     * @param serverError what to answer while {@link HttpFaults#answerServerError} is on; a stand-in
     *                    answers like the server it imitates
     */
    public FaultInjectingHandler(Responder content, Supplier<SimulatedResponse> serverError, HttpFaults faults,
                                 RequestCounter counter) {
        this.content = content;
        this.serverError = serverError;
        this.faults = faults;
        this.counter = counter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SimulatedRequest request = new SimulatedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), parseQuery(exchange.getRequestURI().getRawQuery()));
            counter.record(request.path());
            if (!pause(faults.responseDelay())) {
                return; // the server is stopping
            }
            send(exchange, answerOrInternalError(request));
        } catch (IOException e) {
            // the client hung up
            LOG.debug("request {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }

    /** A bug in a stand-in answers 500 rather than dropping the connection, which would look like a network fault. */
    private SimulatedResponse answerOrInternalError(SimulatedRequest request) {
        try {
            return answer(request);
        } catch (RuntimeException bug) {
            LOG.warn("stand-in failed to answer {} {}", request.method(), request.path(), bug);
            return SimulatedResponse.text(500, "stand-in failed: " + bug + "\n");
        }
    }

    private SimulatedResponse answer(SimulatedRequest request) {
        if (faults.serverError()) {
            return serverError.get();
        }
        SimulatedResponse response = content.respond(request);
        if (response.status() != 200) {
            return response;
        }
        if (faults.malformedJson()) {
            return response.withBody(HttpFaults.MALFORMED_BODY.getBytes(StandardCharsets.UTF_8));
        }
        if (faults.truncatedJson() && response.endless()) {
            // an endless body cannot be read whole to cut it in half; its first bytes stand for it
            return response.withBody(HttpFaults.MALFORMED_BODY.substring(0, 3).getBytes(StandardCharsets.UTF_8));
        }
        if (faults.truncatedJson()) {
            byte[] whole = response.bodyBytes();
            return response.withBody(Arrays.copyOf(whole, whole.length / 2));
        }
        return response;
    }

    private static void send(HttpExchange exchange, SimulatedResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        // HttpServer's convention: 0 means chunked, -1 means no body
        long length = head || response.length() == 0 ? -1 : response.length() < 0 ? 0 : response.length();
        exchange.sendResponseHeaders(response.status(), length);
        if (length != -1) {
            try (OutputStream out = exchange.getResponseBody()) {
                response.body().writeTo(out);
            }
        }
    }

    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
