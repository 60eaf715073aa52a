package io.contiv.exporter.metrics;

import io.contiv.exporter.PolledSource;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.Function;

/**
 * A collector of a source read in the background ({@link PolledSource}): its families are built from each new
 * reading, once, and nothing is served while the source cannot be read (its health says why).
 *
 * @param <T> what one read of the source returns
 */
public final class PolledCollector<T> implements PublishingCollector {

    private final PolledSource<T> source;
    private final Function<T, List<MetricSnapshot>> writer;
    private final List<MetricFamily> families;
    private final Published published;
    private long builtVersion = -1;

    /**
     * @param name     the collector's name, as in {@code --collector.<name>}
     * @param families every family {@code writer} may build
     */
    public PolledCollector(String name, PolledSource<T> source, Function<T, List<MetricSnapshot>> writer,
                           List<MetricFamily> families) {
        this.source = source;
        this.writer = writer;
        this.families = List.copyOf(families);
        this.published = new Published(name);
    }

    @Override
    public synchronized Publication publication() {
        PolledSource.Held<T> held = source.current();
        if (held.version() != builtVersion) {
            published.publish(held.reading().map(writer).orElse(List.of()));
            builtVersion = held.version();
        }
        return published.current();
    }

    @Override
    public List<String> getPrometheusNames() {
        return families.stream().map(MetricFamily::prometheusName).toList();
    }
}
