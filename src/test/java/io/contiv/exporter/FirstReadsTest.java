package io.contiv.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FirstReadsTest {

    @Test
    void awaitAllNamesTheFirstReadsNotDoneByTheSharedDeadline() {
        FirstReads reads = new FirstReads(Duration.ZERO);
        FirstAttempt netmaster = reads.attempt("netmaster");
        FirstAttempt ovsdb = reads.attempt("ovsdb");

        assertThat(reads.awaitAll()).containsExactly("netmaster", "ovsdb");
        ovsdb.done();
        assertThat(reads.awaitAll()).containsExactly("netmaster");
        netmaster.done();
        assertThat(reads.awaitAll()).isEmpty();
        assertThat(netmaster.isDone()).isTrue();
    }

    @Test
    void aBuildAheadNeitherWaitsNorStartsTheDeadline() {
        // a budget no test would wait out: only a build that does not wait returns
        FirstReads reads = new FirstReads(Duration.ofDays(1));
        FirstAttempt netmaster = reads.attempt("netmaster");
        reads.withoutWaiting(netmaster::await);
        assertThat(netmaster.isDone()).isFalse();
    }

    @Test
    void aFirstReadDoneBeforeTheWaitIsNotWaitedFor() {
        // a budget no test would wait out: a done first read must return at once
        FirstAttempt attempt = FirstAttempt.alone("etcd_endpoints", Duration.ofDays(1));
        attempt.done();
        attempt.await();
        assertThat(attempt.isDone()).isTrue();
        assertThat(attempt.source()).isEqualTo("etcd_endpoints");
    }
}
