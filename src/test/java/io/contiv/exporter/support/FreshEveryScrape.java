package io.contiv.exporter.support;

import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Supplier;

/** A collector for tests of serving: publishes what {@code families} gives, as a new version on every scrape. */
public final class FreshEveryScrape implements PublishingCollector {

    private final Published published = new Published("test");
    private final Supplier<List<MetricSnapshot>> families;

    public FreshEveryScrape(Supplier<List<MetricSnapshot>> families) {
        this.families = families;
    }

    /** An exposition of this one collector. */
    public static Exposition exposition(Supplier<List<MetricSnapshot>> families) {
        return new Exposition(List.of(new FreshEveryScrape(families)));
    }

    @Override
    public synchronized Publication publication() {
        return published.publish(families.get());
    }
}
