package io.contiv.exporter;

import io.contiv.exporter.health.SourceReporter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A source read in the background every interval, whose last reading a scrape takes from memory: a slow or hung
 * switch delays the next reading, never a scrape. Each read is one attempt reported to the source's health. A failed
 * read drops the last reading (counters of a switch that cannot be seen are not served); the next good one brings
 * them back. Sources polled together share their first round ({@link #startAll}): only until that round is done does
 * {@link #current()} wait, and at most the round's budget.
 *
 * @param <T> what one read returns
 */
public final class PolledSource<T> implements AutoCloseable {

    /** One read of the source. */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws Exception;
    }

    /** The reading held at one moment (empty before the first success and after a failure) and its version. */
    public record Held<T>(Optional<T> reading, long version) {
    }

    private final Read<T> read;
    private final SourceReporter health;
    private final FirstAttempt firstRound;
    private final Object lock = new Object();
    private T reading;
    private long version;
    private ScheduledFuture<?> task;

    /** @param firstRound done once the first round of reads of the sources polled together is */
    public PolledSource(Read<T> read, SourceReporter health, FirstAttempt firstRound) {
        this.read = read;
        this.health = health;
        this.firstRound = firstRound;
    }

    /**
     * Reads every source once, one after the other on {@code poller}, marks {@code firstRound} done, then reads each
     * every {@code interval}.
     */
    public static void startAll(List<PolledSource<?>> sources, ScheduledExecutorService poller, Duration interval,
                                FirstAttempt firstRound) {
        poller.execute(() -> {
            try {
                sources.forEach(PolledSource::poll);
            } finally {
                firstRound.done();
            }
        });
        for (PolledSource<?> source : sources) {
            synchronized (source.lock) {
                source.task = poller.scheduleWithFixedDelay(source::poll, interval.toMillis(), interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** One read, on the calling thread. */
    public void poll() {
        T fresh = null;
        try {
            fresh = health.timed(read::read);
        } catch (Exception e) {
            // reported to the source's health, with the reason
        } finally {
            synchronized (lock) {
                if (fresh != null || reading != null) {
                    reading = fresh;
                    version++;
                }
            }
        }
    }

    public Held<T> current() {
        firstRound.await();
        synchronized (lock) {
            return new Held<>(Optional.ofNullable(reading), version);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (task != null) {
                task.cancel(true);
            }
        }
        firstRound.done();
    }
}
