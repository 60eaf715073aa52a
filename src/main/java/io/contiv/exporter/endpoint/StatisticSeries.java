package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.SeriesFamily;
import io.contiv.exporter.ovsdb.InterfaceStatistics;
import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The families of OVS statistics: one per metric name the joined interfaces' keys give, its points the endpoints
 * whose row has such a key. Keys that make the same name share a family, the first key (in key order) an
 * interface has giving its value, and the family is described as the key of its first point.
 */
final class StatisticSeries {

    /** OVS reports a dozen keys or so; a switch that sends ever new ones does not grow this without end. */
    private static final int MAX_KEYS = 4096;

    /** Making a family means building, sanitising and validating its name: once per key, not per point. */
    private final Map<String, Optional<MetricFamily>> familyOfKey = new HashMap<>();
    private final Function<String, Optional<MetricFamily>> describe;
    private final boolean skipNegative;

    /** {@code skipNegative}: a negative counter (a wrapped unsigned 64-bit one) makes no point. */
    StatisticSeries(Function<String, Optional<MetricFamily>> describe, boolean skipNegative) {
        this.describe = describe;
        this.skipNegative = skipNegative;
    }

    /** The families of the statistics over {@code table}, leaving out names in {@code taken}. */
    synchronized List<SeriesFamily> families(EndpointLayout layout, LabelTable table, List<OvsInterface> rows, Set<String> taken) {
        Map<String, List<String>> keysByName = new TreeMap<>();
        Set<String> keys = new TreeSet<>();
        InterfaceStatistics seen = null;
        for (int position = 0; position < table.size(); position++) {
            InterfaceStatistics statistics = layout.row(rows, table.endpointAt()[position]).statistics();
            // interfaces of one kind share their key set: look at each key set once
            if (seen == null || !statistics.sameKeys(seen)) {
                for (int i = 0; i < statistics.size(); i++) {
                    keys.add(statistics.keyAt(i));
                }
                seen = statistics;
            }
        }
        for (String key : keys) {
            familyOfKey.computeIfAbsent(key, describe).ifPresent(family -> {
                if (!taken.contains(family.name())) {
                    keysByName.computeIfAbsent(family.name(), name -> new ArrayList<>()).add(key);
                }
            });
        }
        List<SeriesFamily> families = new ArrayList<>(keysByName.size());
        for (List<String> group : keysByName.values()) {
            SeriesFamily family = family(layout, table, rows, group.toArray(String[]::new));
            if (family != null) {
                families.add(family);
            }
        }
        if (familyOfKey.size() > MAX_KEYS) {
            familyOfKey.clear();
        }
        return families;
    }

    private SeriesFamily family(EndpointLayout layout, LabelTable table, List<OvsInterface> rows, String[] keys) {
        int[] points = new int[table.size()];
        double[] values = new double[table.size()];
        int count = 0;
        String firstKey = null;
        for (int position = 0; position < table.size(); position++) {
            InterfaceStatistics statistics = layout.row(rows, table.endpointAt()[position]).statistics();
            for (String key : keys) {
                int index = statistics.indexOf(key);
                if (index < 0) {
                    continue;
                }
                long value = statistics.valueAt(index);
                if (skipNegative && value < 0) {
                    continue;
                }
                if (firstKey == null) {
                    firstKey = key;
                }
                points[count] = position;
                values[count] = value;
                count++;
                break;
            }
        }
        if (firstKey == null) {
            // no interface has a value for it: no family, as no point was ever added to one
            return null;
        }
        return new SeriesFamily(familyOfKey.get(firstKey).orElseThrow(), table.labels(),
                EndpointLayout.trim(points, count), EndpointLayout.trim(values, count));
    }
}
