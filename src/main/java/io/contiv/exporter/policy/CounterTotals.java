package io.contiv.exporter.policy;

/** Packets and bytes, as exposed: never lower than on the previous scrape while the exporter runs. */
public record CounterTotals(long packets, long bytes) {

    public CounterTotals plus(CounterTotals other) {
        return new CounterTotals(packets + other.packets, bytes + other.bytes);
    }
}
