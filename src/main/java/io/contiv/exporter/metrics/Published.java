package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * One collector's published state: replaced as a whole by each {@link #publish}, each time with a new version. A
 * collector that prepares its families ahead of scrapes makes the next version first ({@link #next}), has it encoded,
 * then {@link #install}s it: scrapes meanwhile get the current one, ready to serve.
 */
public final class Published {

    private Publication current;
    private long lastVersion;

    public Published(String collector) {
        this.current = new Publication(collector, 0, List.of());
    }

    public synchronized Publication publish(List<MetricSnapshot> families) {
        current = Publication.ofSnapshots(current.collector(), ++lastVersion, families);
        return current;
    }

    /** Publishes families of any kind, series families among them. */
    public synchronized Publication publishFamilies(List<? extends PublishedFamily> families) {
        current = next(families);
        return current;
    }

    /** The next version of the families, not yet current: see {@link #install}. */
    public synchronized Publication next(List<? extends PublishedFamily> families) {
        return new Publication(current.collector(), ++lastVersion, List.copyOf(families));
    }

    /** Makes {@code next} current, unless a later version already is. */
    public synchronized void install(Publication next) {
        if (next.version() > current.version()) {
            current = next;
        }
    }

    public synchronized Publication current() {
        return current;
    }
}
