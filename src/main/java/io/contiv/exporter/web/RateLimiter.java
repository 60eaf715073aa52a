package io.contiv.exporter.web;

import java.time.Duration;
import java.util.function.LongSupplier;

/** {@code rate_limit}: a token bucket of {@code burst} requests, refilled with one every {@code interval}. */
final class RateLimiter {

    private final long intervalNanos;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    RateLimiter(Duration interval, int burst, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    synchronized boolean tryAcquire() {
        if (intervalNanos <= 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - last) / intervalNanos);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
