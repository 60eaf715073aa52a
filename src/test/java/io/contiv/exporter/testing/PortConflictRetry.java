package io.contiv.exporter.testing;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a server again on fresh ports when it lost the race for a port from {@link FreePorts}
 * (other test JVMs on the same machine pick ports too).
 */
public final class PortConflictRetry {

    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(PortConflictRetry.class);

    private PortConflictRetry() {
    }

    public static <T> T start(String what, Supplier<T> startOnFreshPorts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreshPorts.get();
            } catch (ProcessStartFailedException e) {
                if (attempt >= ATTEMPTS || !e.looksLikePortConflict()) {
                    throw e;
                }
                LOG.warn("{} lost a port race (attempt {}), retrying on other ports", what, attempt);
            }
        }
    }
}
