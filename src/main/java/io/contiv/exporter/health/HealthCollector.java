package io.contiv.exporter.health;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.Failures;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * The exporter's own health, registered once: per source, whether the last attempt worked, how long it took, how
 * many failed and when one last worked; and the build. Every source reports through a {@link SourceReporter} from
 * {@link #reporter}. A change of state is logged once (down with the reason, then back up), not once per scrape.
 */
public final class HealthCollector implements PublishingCollector {

    private static final List<String> SOURCE_LABEL = List.of("source");
    static final MetricFamily UP = MetricFamily.gauge("contiv_exporter_source_up",
            "Whether the last attempt to read the source succeeded (1) or failed (0).", SOURCE_LABEL);
    static final MetricFamily DURATION = MetricFamily.gauge("contiv_exporter_source_duration_seconds",
            "How long the last attempt to read the source took, in seconds.", SOURCE_LABEL);
    static final MetricFamily ERRORS = MetricFamily.counter("contiv_exporter_source_errors",
            "Failed attempts to read the source since the exporter started.", SOURCE_LABEL);
    static final MetricFamily LAST_SUCCESS = MetricFamily.gauge(
            "contiv_exporter_source_last_success_timestamp_seconds",
            "Unix time of the last successful read of the source; 0 if it never succeeded.", SOURCE_LABEL);

    private static final Logger LOG = ExporterLogs.logger(HealthCollector.class);

    private final Clock clock;
    private final Set<Source> sources;
    private final Map<Source, State> states = new EnumMap<>(Source.class);
    private final Published published = new Published("health");
    private boolean changed = true;
    private List<Status> publishedStatus = List.of();

    /**
     * A source as one publication shows it: whether an attempt to read it has finished yet, whether the last one
     * worked, and why it failed if it did not.
     */
    public record Status(Source source, boolean read, boolean up, String lastError) {
    }

    private static final class State {
        Boolean up;
        double lastDurationSeconds;
        long errors;
        double lastSuccessSeconds;
        String lastError = "";
        long failuresInARow;
        double downSinceSeconds;
    }

    public HealthCollector(Clock clock, Set<Source> sources) {
        this.clock = clock;
        this.sources = Set.copyOf(sources);
        for (Source source : sources) {
            states.put(source, new State());
        }
    }

    /** How {@code source} reports its attempts; a source this exporter does not read is refused. */
    public SourceReporter reporter(Source source) {
        state(source);
        return () -> {
            long started = System.nanoTime();
            return new SourceReporter.Attempt() {
                @Override
                public void succeeded() {
                    recordSuccess(source, seconds(System.nanoTime() - started));
                }

                @Override
                public void failed(Exception cause) {
                    // an attempt interrupted because the exporter is stopping says nothing about the source
                    if (!Thread.currentThread().isInterrupted()) {
                        recordFailure(source, seconds(System.nanoTime() - started), cause);
                    }
                }
            };
        };
    }

    /** Every source as the latest publication shows it, so that what is said about them matches what was served. */
    public synchronized List<Status> publishedStatus() {
        return publishedStatus;
    }

    @Override
    public synchronized Publication publication() {
        if (!changed) {
            return published.current();
        }
        Families families = new Families();
        List<Status> status = new ArrayList<>();
        for (Source source : sources) {
            State state = states.get(source);
            status.add(new Status(source, state.up != null, Boolean.TRUE.equals(state.up), state.lastError));
            Labels labels = UP.labels(source.label());
            families.add(UP, labels, Boolean.TRUE.equals(state.up) ? 1 : 0);
            families.add(DURATION, labels, state.lastDurationSeconds);
            families.add(ERRORS, labels, state.errors);
            families.add(LAST_SUCCESS, labels, state.lastSuccessSeconds);
        }
        families.add(BuildInfo.FAMILY, BuildInfo.FAMILY.labels(BuildInfo.version()), 1);
        changed = false;
        status.sort(java.util.Comparator.comparing(Status::source));
        publishedStatus = List.copyOf(status);
        return published.publish(families.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return Stream.of(UP, DURATION, ERRORS, LAST_SUCCESS, BuildInfo.FAMILY).map(MetricFamily::prometheusName)
                .toList();
    }

    private synchronized void recordSuccess(Source source, double durationSeconds) {
        State state = state(source);
        if (Boolean.FALSE.equals(state.up)) {
            LOG.info("{} recovered after {} in {} s", source.label(),
                    state.failuresInARow == 1 ? "1 failed attempt" : state.failuresInARow + " failed attempts",
                    String.format(Locale.ROOT, "%.1f", clock.millis() / 1000.0 - state.downSinceSeconds));
        }
        state.failuresInARow = 0;
        state.up = true;
        state.lastDurationSeconds = durationSeconds;
        state.lastSuccessSeconds = clock.millis() / 1000.0;
        state.lastError = "";
        changed = true;
    }

    private synchronized void recordFailure(Source source, double durationSeconds, Exception failure) {
        State state = state(source);
        String reason = Failures.describe(failure);
        if (!Boolean.FALSE.equals(state.up)) {
            LOG.warn("{} failed: {}", source.label(), reason);
            state.downSinceSeconds = clock.millis() / 1000.0;
        } else if (!reason.equals(state.lastError)) {
            LOG.debug("{} still failing: {}", source.label(), reason);
        }
        state.up = false;
        state.lastDurationSeconds = durationSeconds;
        state.errors++;
        state.failuresInARow++;
        state.lastError = reason;
        changed = true;
    }

    private State state(Source source) {
        State state = states.get(source);
        if (state == null) {
            throw new IllegalArgumentException("source " + source + " is not used in this mode");
        }
        return state;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
