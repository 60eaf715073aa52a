package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A collector that publishes its families as a whole (see {@link Published}): scrapes, the client library's own
 * handler and the encoding done ahead of scrapes all read the same publication.
 */
public interface PublishingCollector extends MultiCollector {

    /**
     * The families as of now, brought up to date first when what they are made of changed; the same publication
     * (same version) when nothing did.
     */
    Publication publication();

    @Override
    default MetricSnapshots collect() {
        return new MetricSnapshots(publication().families());
    }
}
