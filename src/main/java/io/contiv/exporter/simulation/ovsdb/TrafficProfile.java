package io.contiv.exporter.simulation.ovsdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How much traffic one interface carries, from the switch's side (OVS's rx is what the container sent). Counters
 * are a pure function of the ticks since the interface appeared, so any tick can be computed directly and the
 * same seed always gives the same numbers.
 *
 * <p>Byte and packet counters grow by the rate times the tick length, plus a per-tick jitter of under half a
 * tick's worth, so they look uneven but still rise strictly every tick. Drops and errors come in small bursts
 * every {@code *EveryTicks} ticks (0 = never).
 */
public record TrafficProfile(long rxBytesPerSecond, long rxPacketsPerSecond,
                             long txBytesPerSecond, long txPacketsPerSecond,
                             long rxDroppedEveryTicks, long txDroppedEveryTicks,
                             long rxErrorsEveryTicks, long txErrorsEveryTicks,
                             long noiseSeed) {

    /** The statistics keys OVS reports for a Linux internal or veth port, in the order ovsdb-server sorts them. */
    public static final List<String> STATISTICS_KEYS = List.of(
            "collisions", "rx_bytes", "rx_dropped", "rx_errors", "rx_packets",
            "tx_bytes", "tx_dropped", "tx_errors", "tx_packets");

    public static final TrafficProfile IDLE = new TrafficProfile(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** A profile with rates picked from a seed and the interface name, so that every interface differs. */
    public static TrafficProfile random(long seed, String interfaceName) {
        SplittableRandom random = new SplittableRandom(mix(seed, interfaceName.hashCode()));
        long rxBytes = logUniform(random, 2_000, 5_000_000);
        long txBytes = logUniform(random, 2_000, 5_000_000);
        return new TrafficProfile(
                rxBytes, Math.max(1, rxBytes / random.nextLong(80, 1_400)),
                txBytes, Math.max(1, txBytes / random.nextLong(80, 1_400)),
                occasionally(random, 0.7, 12, 120), occasionally(random, 0.7, 12, 120),
                occasionally(random, 0.4, 40, 400), occasionally(random, 0.4, 40, 400),
                random.nextLong());
    }

    /** The 9 counters after {@code elapsedTicks} ticks of {@code secondsPerTick} seconds each. */
    public Map<String, Long> statisticsAt(long elapsedTicks, long secondsPerTick) {
        long ticks = Math.max(0, elapsedTicks);
        Map<String, Long> statistics = new LinkedHashMap<>();
        statistics.put("collisions", 0L);
        statistics.put("rx_bytes", counter(1, rxBytesPerSecond * secondsPerTick, ticks));
        statistics.put("rx_dropped", bursts(2, rxDroppedEveryTicks, ticks));
        statistics.put("rx_errors", bursts(3, rxErrorsEveryTicks, ticks));
        statistics.put("rx_packets", counter(4, rxPacketsPerSecond * secondsPerTick, ticks));
        statistics.put("tx_bytes", counter(5, txBytesPerSecond * secondsPerTick, ticks));
        statistics.put("tx_dropped", bursts(6, txDroppedEveryTicks, ticks));
        statistics.put("tx_errors", bursts(7, txErrorsEveryTicks, ticks));
        statistics.put("tx_packets", counter(8, txPacketsPerSecond * secondsPerTick, ticks));
        return statistics;
    }

    private long counter(int counterId, long perTick, long ticks) {
        if (ticks == 0 || perTick == 0) {
            return 0;
        }
        long jitter = Math.floorMod(mix(noiseSeed + counterId, ticks), perTick / 2 + 1);
        return perTick * ticks + jitter;
    }

    private long bursts(int counterId, long everyTicks, long ticks) {
        if (everyTicks <= 0) {
            return 0;
        }
        long phase = Math.floorMod(mix(noiseSeed, counterId), everyTicks);
        long burstSize = 1 + Math.floorMod(mix(noiseSeed + counterId, -1), 4);
        long events = (ticks + phase) / everyTicks - phase / everyTicks;
        return events * burstSize;
    }

    private static long logUniform(SplittableRandom random, long low, long high) {
        return Math.round(Math.exp(random.nextDouble(Math.log(low), Math.log(high))));
    }

    private static long occasionally(SplittableRandom random, double probability, long minTicks, long maxTicks) {
        return random.nextDouble() < probability ? random.nextLong(minTicks, maxTicks) : 0;
    }

    /** SplitMix64 finaliser over two inputs: cheap, well spread and stable across JVMs. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
