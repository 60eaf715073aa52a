package io.contiv.exporter.openflow;

/**
 * One table's entry in a table-stats reply (OFPMP_TABLE): the flows in it, the packets looked up in it and those
 * that matched a flow. Counts are unsigned 64-bit on the wire and kept as Java longs, exact below 2^63.
 */
public record TableStats(int tableId, long activeCount, long lookupCount, long matchedCount) {
}
