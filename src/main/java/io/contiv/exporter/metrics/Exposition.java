package io.contiv.exporter.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/**
 * The collectors one exporter serves. Each is registered with a registry of its own, which refuses two collectors
 * that serve a family of the same name, and which the client library's handler and {@code once} scrape; plain
 * scrapes read the publications directly, to reuse what was encoded of them.
 */
public final class Exposition {

    private final List<PublishingCollector> collectors;
    private final PrometheusRegistry registry = new PrometheusRegistry();

    public Exposition(List<PublishingCollector> collectors) {
        this.collectors = List.copyOf(collectors);
        this.collectors.forEach(registry::register);
    }

    /** Each collector's publication, brought up to date, in the order the collectors were given. */
    public List<Publication> publications() {
        return collectors.stream().map(PublishingCollector::publication).toList();
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
