package io.contiv.exporter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.support.HealthValues;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCollectorTest {

    private final HealthCollector health = new HealthCollector(Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC),
            EnumSet.of(Source.NETMASTER));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aFailedAttemptIsCountedAndMarksTheSourceDown() {
        assertThatThrownBy(() -> health.reporter(Source.NETMASTER).timed(() -> {
            throw new IOException("GET http://nm/api/v1/networks/ answered HTTP 500");
        })).isInstanceOf(IOException.class);

        assertThat(HealthValues.isUp(health, Source.NETMASTER)).isFalse();
        assertThat(errors()).isEqualTo(1.0);
    }

    @Test
    void anAttemptInterruptedBecauseTheExporterStopsIsNotAFailureOfTheSource() throws Exception {
        health.reporter(Source.NETMASTER).timed(() -> "read");

        assertThatThrownBy(() -> health.reporter(Source.NETMASTER).timed(() -> {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET http://nm/api/v1/networks/");
        })).isInstanceOf(IOException.class);

        assertThat(HealthValues.isUp(health, Source.NETMASTER)).isTrue();
        assertThat(errors()).isZero();
    }

    private double errors() {
        return health.publication().families().stream().filter(s -> s.getMetadata().getName().equals("contiv_exporter_source_errors"))
                .flatMap(s -> s.getDataPoints().stream())
                .mapToDouble(p -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) p)
                        .getValue())
                .sum();
    }
}
