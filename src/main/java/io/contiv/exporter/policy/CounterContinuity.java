package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Keeps a flow's counters monotonic across reinstalls. When netplugin deletes and re-adds a flow (a restart, a rule
 * edited back and forth), the switch starts the new flow's counters at zero. A Prometheus counter that drops is read
 * as a reset, but one that was reinstalled and has already passed its old value between two scrapes is not: rate()
 * would lose the old flow's count. The flow's duration tells: the time it was installed ({@code now - duration})
 * moves forward only when the flow is new. On a reinstall, and whenever a count goes down, the last value read is
 * added to an offset that every later value carries.
 *
 * @param <K> what identifies the counted thing across reinstalls, such as a rule on a bridge
 */
public final class CounterContinuity<K> {

    /** Durations are in milliseconds on the wire and a read takes time; smaller moves of the install time are noise. */
    static final Duration INSTALL_TIME_TOLERANCE = Duration.ofSeconds(1);

    private static final class State {
        long installedAt;
        long packets;
        long bytes;
        long packetOffset;
        long byteOffset;
    }

    private final LongSupplier nanoClock;
    private final Map<K, State> states = new HashMap<>();
    private long reinstalls;

    /** @param nanoClock a monotonic clock in nanoseconds, such as {@link System#nanoTime()} */
    public CounterContinuity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records a fresh reading of the flow counted under {@code key} and returns the totals to expose. */
    public CounterTotals update(K key, FlowStats flow) {
        long installedAt = nanoClock.getAsLong() - flow.durationNanos();
        State state = states.get(key);
        if (state == null) {
            state = new State();
            states.put(key, state);
        } else if (installedAt - state.installedAt > INSTALL_TIME_TOLERANCE.toNanos()
                || flow.packetCount() < state.packets || flow.byteCount() < state.bytes) {
            state.packetOffset += state.packets;
            state.byteOffset += state.bytes;
            reinstalls++;
        }
        state.installedAt = installedAt;
        state.packets = flow.packetCount();
        state.bytes = flow.byteCount();
        return totals(state);
    }

    /** The totals last returned for the key, for a scrape that could not read its flow. */
    public Optional<CounterTotals> last(K key) {
        return Optional.ofNullable(states.get(key)).map(CounterContinuity::totals);
    }

    /** Forgets every key the predicate rejects, such as rules deleted from etcd. */
    public void retainIf(Predicate<K> keep) {
        states.keySet().removeIf(keep.negate());
    }

    public Iterable<K> keys() {
        return Map.copyOf(states).keySet();
    }

    /** How many reinstalls (or count drops) were seen; for tests and logs. */
    public long reinstalls() {
        return reinstalls;
    }

    private static CounterTotals totals(State state) {
        return new CounterTotals(state.packetOffset + state.packets, state.byteOffset + state.bytes);
    }
}
