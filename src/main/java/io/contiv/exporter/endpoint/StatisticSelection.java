package io.contiv.exporter.endpoint;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which OVS interface statistics are exported per endpoint ({@code --collector.endpoint.statistics}), by OVS key. The
 * writers ask it before they name a statistic's family: a statistic not selected has no family, so no series.
 */
public final class StatisticSelection implements Predicate<String> {

    public static final StatisticSelection ALL = new StatisticSelection(null);

    private final Set<String> keys;

    private StatisticSelection(Set<String> keys) {
        this.keys = keys;
    }

    /** Only these OVS keys (e.g. {@code rx_bytes}); an empty set exports no statistic. */
    public static StatisticSelection only(Set<String> keys) {
        return new StatisticSelection(Set.copyOf(keys));
    }

    @Override
    public boolean test(String ovsKey) {
        return keys == null || keys.contains(ovsKey);
    }
}
