package io.contiv.exporter;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A source's first attempt, the only thing a scrape ever waits for: at most {@code budget}, counted from the first
 * scrape that waits. Scrapes that arrive together, or queue behind the first one, share that one budget instead of
 * each waiting their own, which would add up past the scrape timeout.
 */
public final class FirstAttempt {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Duration budget;
    private final Object lock = new Object();
    private boolean started;
    private long deadline;

    public FirstAttempt(Duration budget) {
        this.budget = budget;
    }

    /** The first attempt has finished, whether it worked or not (or the source is closing). */
    public void done() {
        done.countDown();
    }

    /** Waits until the first attempt is done, or the shared budget is spent. */
    public void await() {
        long until;
        synchronized (lock) {
            if (!started) {
                started = true;
                deadline = System.nanoTime() + budget.toNanos();
            }
            until = deadline;
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            done.await(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
