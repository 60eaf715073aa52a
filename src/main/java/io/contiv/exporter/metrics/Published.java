package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** One collector's published state: replaced as a whole by each {@link #publish}, each time with a new version. */
public final class Published {

    private Publication current;

    public Published(String collector) {
        this.current = new Publication(collector, 0, List.of());
    }

    public synchronized Publication publish(List<MetricSnapshot> families) {
        current = Publication.ofSnapshots(current.collector(), current.version() + 1, families);
        return current;
    }

    /** Publishes families of any kind, series families among them. */
    public synchronized Publication publishFamilies(List<? extends PublishedFamily> families) {
        current = new Publication(current.collector(), current.version() + 1, List.copyOf(families));
        return current;
    }

    public synchronized Publication current() {
        return current;
    }
}
