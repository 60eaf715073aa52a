package io.contiv.exporter;

import io.contiv.exporter.health.SourceReporter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A source read in the background every interval, whose last reading a scrape takes from memory: a slow or hung
 * switch delays the next reading, never a scrape. Each read is one attempt reported to the source's health. A failed
 * read drops the last reading (counters of a switch that cannot be seen are not served); the next good one brings
 * them back. Only before the first read has finished does {@link #current()} wait, and at most the first-read budget.
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
    private final FirstAttempt firstAttempt;
    private final Object lock = new Object();
    private T reading;
    private long version;
    private ScheduledFuture<?> task;

    public PolledSource(Read<T> read, SourceReporter health, Duration firstReadWait) {
        this.read = read;
        this.health = health;
        this.firstAttempt = new FirstAttempt(firstReadWait);
    }

    /** Reads now, then every {@code interval} on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        synchronized (lock) {
            task = scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
            firstAttempt.done();
        }
    }

    public Held<T> current() {
        firstAttempt.await();
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
        firstAttempt.done();
    }
}
