package io.contiv.exporter.openflow;

/**
 * One flow's entry in a flow-stats reply. {@code hasInstructions} is false for a flow that drops what it matches
 * (a Contiv deny rule); counts are unsigned 64-bit on the wire and kept here as Java longs, which is exact below 2^63.
 */
public record FlowStats(
        int tableId,
        int priority,
        long cookie,
        long durationSeconds,
        long durationNanoseconds,
        long packetCount,
        long byteCount,
        FlowMatch match,
        boolean hasInstructions) {

    /** How long the flow has been installed, in nanoseconds. */
    public long durationNanos() {
        return durationSeconds * 1_000_000_000L + durationNanoseconds;
    }
}
