package io.contiv.exporter.simulation.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Fault switches of a stand-in. Thread-safe; every switch takes effect for the next request, so tests
 * can flip them while a client is running. Malformed and truncated bodies replace successful (200)
 * answers only: they simulate a broken payload, not a different status.
 */
public final class HttpFaults {

    /** What a malformed answer carries: JSON-looking, but not JSON. */
    public static final String MALFORMED_BODY = "{\"key\": \"default:net0-0\",, \"tenantName\" default]\n";

    private volatile Duration delay = Duration.ZERO;
    private volatile boolean serverError;
    private volatile boolean malformedJson;
    private volatile boolean truncatedJson;

    /** Delays every response by {@code delay} (zero for none). */
    public void delayResponses(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        this.delay = delay;
    }

    public void delayResponses(long millis) {
        delayResponses(Duration.ofMillis(millis));
    }

    /** Answers every request with HTTP 500. */
    public void answerServerError(boolean on) {
        serverError = on;
    }

    /** Answers 200 with {@link #MALFORMED_BODY} instead of the real body. */
    public void answerMalformedJson(boolean on) {
        malformedJson = on;
    }

    /** Answers 200 with the first half of the real body: a valid prefix cut in the middle. */
    public void answerTruncatedJson(boolean on) {
        truncatedJson = on;
    }

    /** Turns every switch off. */
    public void clear() {
        delay = Duration.ZERO;
        serverError = false;
        malformedJson = false;
        truncatedJson = false;
    }

    public Duration responseDelay() {
        return delay;
    }

    public boolean serverError() {
        return serverError;
    }

    public boolean malformedJson() {
        return malformedJson;
    }

    public boolean truncatedJson() {
        return truncatedJson;
    }
}
