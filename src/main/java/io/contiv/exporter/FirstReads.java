package io.contiv.exporter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The first reads of one exporter's sources, the only thing a scrape (or {@code once}) ever waits for. The sources
 * read in parallel, so they share one deadline: {@code budget} after the first wait began, whichever source it was
 * for. A scrape that waits on one source after another therefore waits no longer than for the slowest, and each
 * source has the whole budget for its first read, not a slice of it.
 */
public final class FirstReads {

    private final Duration budget;
    private final List<FirstAttempt> attempts = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> notWaiting = ThreadLocal.withInitial(() -> false);
    private final Object lock = new Object();
    private boolean started;
    private long deadline;

    public FirstReads(Duration budget) {
        this.budget = budget;
    }

    /** The first read of {@code source} (a name for the log and for {@link #awaitAll}), sharing this deadline. */
    public FirstAttempt attempt(String source) {
        FirstAttempt attempt = new FirstAttempt(this, source);
        attempts.add(attempt);
        return attempt;
    }

    /**
     * Waits until every first read is done or the deadline has passed, and names those that are not done. It logs
     * nothing about them: its caller reports them.
     */
    public List<String> awaitAll() {
        long until = deadline();
        List<String> unfinished = new ArrayList<>();
        for (FirstAttempt attempt : attempts) {
            if (!attempt.awaitUntil(until)) {
                attempt.reportedLate();
                unfinished.add(attempt.source());
            }
        }
        return unfinished;
    }

    /**
     * Runs {@code work} (a build ahead of the scrapes) taking every first read as it is: it neither waits for them
     * nor starts the deadline, which belongs to the scrapes.
     */
    public void withoutWaiting(Runnable work) {
        notWaiting.set(true);
        try {
            work.run();
        } finally {
            notWaiting.remove();
        }
    }

    /** False on a thread inside {@link #withoutWaiting}. */
    boolean waits() {
        return !notWaiting.get();
    }

    public Duration budget() {
        return budget;
    }

    /** The shared deadline in {@link System#nanoTime()} terms, set by the first wait. */
    long deadline() {
        synchronized (lock) {
            if (!started) {
                started = true;
                deadline = System.nanoTime() + budget.toNanos();
            }
            return deadline;
        }
    }
}
