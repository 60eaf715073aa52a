package io.contiv.exporter.drops;

import java.util.HashMap;
import java.util.Map;

/**
 * A sum of counters that never goes down while the exporter runs, although the counters it sums come and go: when
 * one disappears (an interface or a rule deleted) or starts again below its last value (recreated), what it had
 * counted is kept aside and still added. Without this, deleting an endpoint that had dropped packets would look like
 * a counter reset to Prometheus, and {@code rate()} would count the whole sum again.
 *
 * @param <K> what identifies one counter
 */
final class MonotonicSum<K> {

    private final Map<K, Long> last = new HashMap<>();
    private long retired;

    /** The sum after the counters became {@code current}. */
    long update(Map<K, Long> current) {
        for (Map.Entry<K, Long> counter : last.entrySet()) {
            Long now = current.get(counter.getKey());
            if (now == null || now < counter.getValue()) {
                retired += counter.getValue();
            }
        }
        last.clear();
        long sum = retired;
        for (Map.Entry<K, Long> counter : current.entrySet()) {
            long value = Math.max(0, counter.getValue());
            last.put(counter.getKey(), value);
            sum += value;
        }
        return sum;
    }
}
