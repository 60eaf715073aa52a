package io.contiv.exporter.simulation.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts requests per decoded path, to measure the load a client puts on a stand-in. */
public final class RequestCounter {

    private final Map<String, LongAdder> perPath = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    public void record(String path) {
        perPath.computeIfAbsent(path, p -> new LongAdder()).increment();
        total.increment();
    }

    public long count(String path) {
        LongAdder adder = perPath.get(path);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return total.sum();
    }

    /** A copy of the per-path counts, sorted by path. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        perPath.forEach((path, adder) -> copy.put(path, adder.sum()));
        return copy;
    }

    public void reset() {
        perPath.clear();
        total.reset();
    }
}
