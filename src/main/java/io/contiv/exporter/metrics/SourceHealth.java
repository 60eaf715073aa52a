package io.contiv.exporter.metrics;

import io.contiv.exporter.Failures;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, per source, whether the last attempt worked, how long it took, how many failed and when one last
 * worked. It logs a change of state once (down with the reason, then back up), not once per scrape.
 */
public final class SourceHealth {

    /** Work against one source that may fail. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SourceHealth.class);

    private final Clock clock;
    private final Set<Source> sources;
    private final Map<Source, State> states = new EnumMap<>(Source.class);

    private static final class State {
        Boolean up;
        double lastDurationSeconds;
        long errors;
        double lastSuccessSeconds;
        String lastError = "";
        long failuresInARow;
        double downSinceSeconds;
    }

    public SourceHealth(Clock clock, Set<Source> sources) {
        this.clock = clock;
        this.sources = Set.copyOf(sources);
        for (Source source : sources) {
            states.put(source, new State());
        }
    }

    public <T> T observe(Source source, Attempt<T> attempt) throws Exception {
        long started = System.nanoTime();
        try {
            T result = attempt.run();
            recordSuccess(source, (System.nanoTime() - started) / 1e9);
            return result;
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                // an attempt interrupted because the exporter is stopping says nothing about the source
                recordFailure(source, (System.nanoTime() - started) / 1e9, e);
            }
            throw e;
        }
    }

    public synchronized void recordSuccess(Source source, double durationSeconds) {
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
    }

    public synchronized void recordFailure(Source source, double durationSeconds, Exception failure) {
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
    }

    public synchronized boolean isUp(Source source) {
        return Boolean.TRUE.equals(state(source).up);
    }

    /** True when every source has been tried at least once and its last attempt worked. */
    public synchronized boolean allUp() {
        return sources.stream().allMatch(s -> Boolean.TRUE.equals(states.get(s).up));
    }

    public synchronized List<MetricSnapshot> snapshots() {
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("contiv_exporter_source_up")
                .help("Whether the last attempt to read the source succeeded (1) or failed (0).");
        GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name("contiv_exporter_source_duration_seconds")
                .help("How long the last attempt to read the source took, in seconds.");
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("contiv_exporter_source_errors")
                .help("Failed attempts to read the source since the exporter started.");
        GaugeSnapshot.Builder lastSuccess = GaugeSnapshot.builder()
                .name("contiv_exporter_source_last_success_timestamp_seconds")
                .help("Unix time of the last successful read of the source; 0 if it never succeeded.");
        for (Source source : sources) {
            State state = states.get(source);
            Labels labels = Labels.of("source", source.label());
            up.dataPoint(gauge(labels, Boolean.TRUE.equals(state.up) ? 1 : 0));
            duration.dataPoint(gauge(labels, state.lastDurationSeconds));
            errors.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels)
                    .value(state.errors).build());
            lastSuccess.dataPoint(gauge(labels, state.lastSuccessSeconds));
        }
        List<MetricSnapshot> result = new ArrayList<>();
        result.add(up.build());
        result.add(duration.build());
        result.add(errors.build());
        result.add(lastSuccess.build());
        return result;
    }

    private State state(Source source) {
        State state = states.get(source);
        if (state == null) {
            throw new IllegalArgumentException("source " + source + " is not used in this mode");
        }
        return state;
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
