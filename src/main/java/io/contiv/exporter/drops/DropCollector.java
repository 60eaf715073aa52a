package io.contiv.exporter.drops;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Netplugin mode, drops by reason: one family that answers "where are packets dropped on this node", made from every
 * place that counts them (the policy table, the datapath, ovs-vswitchd's drop counters, the interfaces). Published
 * anew on every scrape from what each source holds; a source that cannot be read leaves its reasons out.
 */
public final class DropCollector implements PublishingCollector {

    static final MetricFamily DROPPED = MetricFamily.counter("contiv_dropped_packets",
            "Packets the switch dropped on this node, by reason (reasons overlap; see docs/metrics.md).",
            List.of("reason"));

    private final List<DropSource> sources;
    private final Published published = new Published("drops");

    public DropCollector(List<DropSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public synchronized Publication publication() {
        return published.publish(snapshots());
    }

    private List<MetricSnapshot> snapshots() {
        Map<String, Long> byReason = new TreeMap<>();
        for (DropSource source : sources) {
            source.droppedPackets().forEach((reason, packets) -> byReason.merge(reason, packets, Long::sum));
        }
        Families families = new Families();
        families.declare(DROPPED);
        byReason.forEach((reason, packets) -> families.add(DROPPED, DROPPED.labels(reason), packets));
        return families.build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(DROPPED.prometheusName());
    }
}
