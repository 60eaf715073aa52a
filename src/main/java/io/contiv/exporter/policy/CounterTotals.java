package io.contiv.exporter.policy;

/** Packets and bytes, as exposed: never lower than on the previous scrape while the exporter runs. */
public record CounterTotals(long packets, long bytes) {

    public static final CounterTotals ZERO = new CounterTotals(0, 0);

    public CounterTotals plus(CounterTotals other) {
        return new CounterTotals(packets + other.packets, bytes + other.bytes);
    }
}
