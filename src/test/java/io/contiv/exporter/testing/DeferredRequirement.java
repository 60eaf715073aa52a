package io.contiv.exporter.testing;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * What a test class that sets everything up in {@code @BeforeAll} needs to skip well: Surefire reports a class
 * aborted in {@code @BeforeAll} as 0 tests, 0 skipped, and drops the reason (SUREFIRE-2300), so the requirement is
 * checked there and each test aborts with the reason instead. Also the one sleep such classes poll with.
 */
public final class DeferredRequirement {

    private volatile TestAbortedException unmet;

    /** Checks the requirement; false (the reason kept for each test) when it is not met. */
    public boolean met(Runnable requirement) {
        try {
            requirement.run();
            return true;
        } catch (TestAbortedException e) {
            unmet = e;
            return false;
        }
    }

    /** For {@code @BeforeEach}: skips the test, with the reason, when the requirement was not met. */
    public void abortIfUnmet() {
        if (unmet != null) {
            Assumptions.abort(unmet.getMessage());
        }
    }

    /** Sleeps; an interrupt fails the test. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
