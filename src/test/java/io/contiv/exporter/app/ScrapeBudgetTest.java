package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScrapeBudgetTest {

    @Test
    void servingGivesTheFirstReadsTogetherAFifthAndEachOfTheTwoBridgesATenth() {
        ScrapeBudget budget = ScrapeBudget.serving(Duration.ofSeconds(4), Duration.ofSeconds(3));
        assertThat(budget.firstReadWait()).isEqualTo(Duration.ofMillis(800));
        assertThat(budget.bridgeReadTimeout()).isEqualTo(Duration.ofMillis(400));
        // a bridge never waits longer than one request to a source may take
        assertThat(ScrapeBudget.serving(Duration.ofMinutes(1), Duration.ofSeconds(3)).bridgeReadTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void onceWaitsForTheFirstReadsUpToItsOwnDeadline() {
        ScrapeBudget budget = ScrapeBudget.once(Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(budget.firstReadWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(budget.bridgeReadTimeout()).isEqualTo(Duration.ofSeconds(3));
    }
}
