package io.contiv.exporter.testing;

import java.util.Locale;

/** A started program exited, or could not listen, while we were waiting for it to become ready. */
public final class ProcessStartFailedException extends IllegalStateException {

    private final String logTail;

    public ProcessStartFailedException(String message, String logTail) {
        super(message + "\n--- last lines of the log ---\n" + logTail);
        this.logTail = logTail;
    }

    public String logTail() {
        return logTail;
    }

    /** True when the program most likely lost a race for the port chosen by {@link FreePorts}. */
    public boolean looksLikePortConflict() {
        return logTail.toLowerCase(Locale.ROOT).contains("address already in use");
    }
}
