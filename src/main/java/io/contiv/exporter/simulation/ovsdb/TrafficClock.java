package io.contiv.exporter.simulation.ovsdb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Counts statistics refreshes. ovs-vswitchd rewrites every Interface's statistics every 5 s; one tick stands for
 * one such refresh. Tests advance it by hand, the demo with a {@link RealTimeTicker}.
 */
public final class TrafficClock {
    /** ovs-vswitchd's default stats-update-interval. */
    public static final long DEFAULT_SECONDS_PER_TICK = 5;

    private final long secondsPerTick;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private long ticks;

    public TrafficClock() {
        this(DEFAULT_SECONDS_PER_TICK);
    }

    public TrafficClock(long secondsPerTick) {
        if (secondsPerTick <= 0) {
            throw new IllegalArgumentException("secondsPerTick must be positive");
        }
        this.secondsPerTick = secondsPerTick;
    }

    public long secondsPerTick() {
        return secondsPerTick;
    }

    public synchronized long ticks() {
        return ticks;
    }

    /** Moves the clock forward and tells listeners (in this thread) the new tick count. */
    public void advance(long byTicks) {
        if (byTicks < 0) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        long now;
        synchronized (this) {
            ticks += byTicks;
            now = ticks;
        }
        listeners.forEach(listener -> listener.accept(now));
    }

    public void addListener(LongConsumer onAdvance) {
        listeners.add(onAdvance);
    }

    public void removeListener(LongConsumer onAdvance) {
        listeners.remove(onAdvance);
    }
}
