package io.contiv.exporter.drops;

import java.util.Map;

/** A place that counts dropped packets, by reason; empty while it cannot be read. */
@FunctionalInterface
public interface DropSource {

    /** Packets dropped since the counter started, by reason. */
    Map<String, Long> droppedPackets();
}
