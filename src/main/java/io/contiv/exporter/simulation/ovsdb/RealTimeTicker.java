package io.contiv.exporter.simulation.ovsdb;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Advances a {@link TrafficClock} by one tick per period of wall-clock time, for the demo. */
public final class RealTimeTicker implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    private RealTimeTicker(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Ticks every {@code clock.secondsPerTick()} seconds, like ovs-vswitchd. */
    public static RealTimeTicker start(TrafficClock clock) {
        return start(clock, Duration.ofSeconds(clock.secondsPerTick()));
    }

    public static RealTimeTicker start(TrafficClock clock, Duration period) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                NamedThreads.daemon("ovsdb-sim-ticker"));
        scheduler.scheduleAtFixedRate(() -> clock.advance(1), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return new RealTimeTicker(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
