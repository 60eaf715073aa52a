package io.contiv.exporter;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * A source's first read, the only thing a scrape ever waits for: until it is done (worked or failed, its health
 * recorded and its data stored) or the deadline of its {@link FirstReads} has passed. Scrapes that arrive together,
 * or queue behind the first one, share that deadline instead of each waiting their own, which would add up past
 * the scrape timeout. A scrape that had to answer without it is said once in the log, so that a first scrape with
 * the source's series missing and its {@code contiv_exporter_source_up} at 0 is never silent.
 */
public final class FirstAttempt {

    private static final Logger LOG = ExporterLogs.logger(FirstAttempt.class);

    private final FirstReads reads;
    private final String source;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean lateReported = new AtomicBoolean();

    FirstAttempt(FirstReads reads, String source) {
        this.reads = reads;
        this.source = source;
    }

    /** A first read with a deadline of its own, for a source used on its own (tests, tools). */
    public static FirstAttempt alone(String source, Duration budget) {
        return new FirstReads(budget).attempt(source);
    }

    /** The first attempt has finished, whether it worked or not (or the source is closing). */
    public void done() {
        done.countDown();
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public String source() {
        return source;
    }

    /** Waits until the first attempt is done, or the shared deadline has passed. */
    public void await() {
        if (!reads.waits()) {
            return;
        }
        if (!awaitUntil(reads.deadline()) && lateReported.compareAndSet(false, true)) {
            LOG.info("a scrape answered before the first read of {} finished ({} s after the first scrape began "
                    + "waiting); its series are missing until it does", source,
                    String.format(Locale.ROOT, "%.1f", reads.budget().toMillis() / 1000.0));
        }
    }

    /** True when done by {@code deadline} ({@link System#nanoTime()} terms). */
    boolean awaitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        try {
            return left > 0 ? done.await(left, TimeUnit.NANOSECONDS) : isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isDone();
        }
    }

    /** Whoever waited on all first reads reports this one itself; a scrape need not log it too. */
    void reportedLate() {
        lateReported.set(true);
    }
}
