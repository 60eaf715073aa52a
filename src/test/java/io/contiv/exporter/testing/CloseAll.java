package io.contiv.exporter.testing;

import java.util.ArrayList;
import java.util.List;

/** Closes every resource even when some fail, then throws the first failure with the others suppressed. */
public final class CloseAll {

    private CloseAll() {
    }

    /** Nulls are skipped: resources a failed start never made. */
    public static void close(AutoCloseable... resources) {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                failures.add(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }
}
