package io.contiv.exporter.collect;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for a source's first attempt, the only time a scrape waits on an upstream. */
final class FirstAttempt {

    private FirstAttempt() {
    }

    static void await(CountDownLatch firstAttempt, Duration atMost) {
        try {
            firstAttempt.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
