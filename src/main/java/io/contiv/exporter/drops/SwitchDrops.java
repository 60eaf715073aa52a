package io.contiv.exporter.drops;

import io.contiv.exporter.PolledSource;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.unixctl.DatapathStatus;
import io.contiv.exporter.vswitchd.VswitchdReading;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The drop sources of a Contiv node, each reading what another part of the exporter already holds. */
public final class SwitchDrops {

    private SwitchDrops() {
    }

    /**
     * Denied by policy: the packets of every deny rule as the policy collector counted them at its last read, given
     * by rule; a rule deleted keeps counting in the sum.
     */
    public static DropSource policy(Supplier<Optional<Map<String, Long>>> deniedPacketsByRule) {
        MonotonicSum<String> denied = new MonotonicSum<>();
        return () -> {
            Optional<Map<String, Long>> byRule = deniedPacketsByRule.get();
            synchronized (denied) {
                return byRule.isPresent() ? Map.of(DropReasons.POLICY_DENY, denied.update(byRule.get())) : Map.of();
            }
        };
    }

    /** Lost by the datapath, and ovs-vswitchd's drop counters, from the last reading of its control socket. */
    public static DropSource vswitchd(PolledSource<VswitchdReading> source) {
        return () -> source.current().reading().map(SwitchDrops::fromVswitchd).orElse(Map.of());
    }

    static Map<String, Long> fromVswitchd(VswitchdReading reading) {
        Map<String, Long> drops = new LinkedHashMap<>();
        drops.put(DropReasons.DATAPATH_LOST,
                reading.datapaths().stream().mapToLong(DatapathStatus::lookupsLost).sum());
        DropReasons.COVERAGE_EVENTS.forEach(event -> drops.put(event, reading.coverage().getOrDefault(event, 0L)));
        reading.coverage().forEach((event, total) -> {
            if (DropReasons.isDropEvent(event)) {
                drops.put(event, total);
            }
        });
        return drops;
    }

    /**
     * Dropped at the ports: rx_dropped and tx_dropped summed over every interface of the switch; an interface deleted
     * keeps counting in the sums.
     */
    public static DropSource interfaces(InterfaceSource source) {
        return new DropSource() {
            private final MonotonicSum<String> received = new MonotonicSum<>();
            private final MonotonicSum<String> transmitted = new MonotonicSum<>();
            private List<OvsInterface> summed;
            private Map<String, Long> sums = Map.of();

            @Override
            public synchronized Map<String, Long> droppedPackets() {
                List<OvsInterface> rows;
                try {
                    rows = source.interfaces();
                } catch (Exception e) {
                    // the OVSDB source reports its own health
                    summed = null;
                    return Map.of();
                }
                if (rows != summed) {
                    sums = Map.of(DropReasons.INTERFACE_RECEIVE, received.update(byInterface(rows, "rx_dropped")),
                            DropReasons.INTERFACE_TRANSMIT, transmitted.update(byInterface(rows, "tx_dropped")));
                    summed = rows;
                }
                return sums;
            }
        };
    }

    /** The statistic of each interface that has it, by row UUID (a recreated interface is a new row). */
    private static Map<String, Long> byInterface(List<OvsInterface> rows, String key) {
        Map<String, Long> values = new HashMap<>(rows.size() * 2);
        for (OvsInterface row : rows) {
            Long value = row.statistics().get(key);
            if (value != null) {
                values.put(row.uuid().isEmpty() ? row.name() : row.uuid(), value);
            }
        }
        return values;
    }
}
