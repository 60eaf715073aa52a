package io.contiv.exporter.vswitchd;

import io.contiv.exporter.PolledSource;
import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.PolledCollector;
import io.contiv.exporter.unixctl.DatapathStatus;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Netplugin mode, switch internals: what ovs-vswitchd says about itself on its control socket (datapath lookups and
 * flows, trouble events, objects it holds), read in the background.
 */
public final class VswitchdMetrics {

    private static final List<String> DATAPATH = List.of("datapath");
    static final MetricFamily LOOKUPS = MetricFamily.counter("contiv_ovs_datapath_lookups",
            "Packets the datapath looked up a flow for, by result: hit (a datapath flow matched), missed (sent up to "
                    + "ovs-vswitchd: the slow path), lost (dropped on the way up: the upcall queue was full).",
            List.of("datapath", "result"));
    static final MetricFamily FLOWS = MetricFamily.gauge("contiv_ovs_datapath_flows",
            "Flows in the datapath.", DATAPATH);
    static final MetricFamily MASK_HITS = MetricFamily.counter("contiv_ovs_datapath_mask_hits",
            "Masks looked up for all packets (kernel datapath only; per packet: divide by hit and missed lookups).",
            DATAPATH);
    static final MetricFamily MASKS = MetricFamily.gauge("contiv_ovs_datapath_masks",
            "Masks in the datapath's flow table (kernel datapath only).", DATAPATH);
    static final MetricFamily COVERAGE = MetricFamily.counter("contiv_ovs_coverage_events",
            "Times ovs-vswitchd counted the coverage event since it started; only events that signal trouble "
                    + "(docs/metrics.md says which and what to do).", List.of("event"));
    static final MetricFamily OBJECTS = MetricFamily.gauge("contiv_ovs_vswitchd_objects",
            "What ovs-vswitchd holds, by kind, as memory/show counts it: rules (OpenFlow flows), ports, udpif_keys "
                    + "(datapath flows it tracks), handlers and revalidators (threads), ...", List.of("kind"));
    static final List<MetricFamily> FAMILIES = List.of(LOOKUPS, FLOWS, MASK_HITS, MASKS, COVERAGE, OBJECTS);

    private VswitchdMetrics() {
    }

    /** The collector of switch internals, built from each reading of the control socket. */
    public static PolledCollector<VswitchdReading> collector(PolledSource<VswitchdReading> source) {
        return new PolledCollector<>("vswitchd", source, VswitchdMetrics::snapshots, FAMILIES);
    }

    static List<MetricSnapshot> snapshots(VswitchdReading reading) {
        Families families = new Families();
        for (DatapathStatus datapath : reading.datapaths()) {
            String name = datapath.name();
            families.add(LOOKUPS, LOOKUPS.labels(name, "hit"), datapath.lookupsHit());
            families.add(LOOKUPS, LOOKUPS.labels(name, "missed"), datapath.lookupsMissed());
            families.add(LOOKUPS, LOOKUPS.labels(name, "lost"), datapath.lookupsLost());
            families.add(FLOWS, FLOWS.labels(name), datapath.flows());
            datapath.masksHit().ifPresent(hits -> families.add(MASK_HITS, MASK_HITS.labels(name), hits));
            datapath.masksTotal().ifPresent(masks -> families.add(MASKS, MASKS.labels(name), masks));
        }
        for (String event : TroubleEvents.EVENTS) {
            families.add(COVERAGE, COVERAGE.labels(event), reading.coverage().getOrDefault(event, 0L));
        }
        for (Map.Entry<String, Long> item : new java.util.TreeMap<>(reading.memory()).entrySet()) {
            families.add(OBJECTS, OBJECTS.labels(item.getKey()), item.getValue());
        }
        return families.build();
    }
}
