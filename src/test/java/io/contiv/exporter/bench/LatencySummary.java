package io.contiv.exporter.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of durations, nearest-rank (no interpolation: with 200 samples p99 is the 198th). */
record LatencySummary(int count, double minMillis, double p50Millis, double p99Millis, double maxMillis,
                      double meanMillis) {

    static LatencySummary of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new LatencySummary(sorted.length, millis(sorted[0]), millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]), mean / 1e6);
    }

    private static long rank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
