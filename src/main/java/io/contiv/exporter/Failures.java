package io.contiv.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.ConnectException;
import java.util.regex.Pattern;

/** Turns exceptions into the short, one-line reasons the exporter logs and reports. */
public final class Failures {

    /** Where Jackson says an unclosed object began: "(for Object starting at [Source: ...; line: 1, column: 1])". */
    private static final Pattern JSON_START_LOCATION = Pattern.compile(" \\(for \\w+ starting at \\[Source: .*\\]\\)");

    private Failures() {
    }

    /**
     * The reason on one line: the exception's message, or, when it has none (as the JDK's HTTP client throws a bare
     * {@code ConnectException}), its class name with the first message found among its causes, e.g.
     * {@code ConnectException: Connection refused}; a bare {@code ConnectException} (the JDK's HTTP client throws
     * those) says it could not connect. JSON parser messages lose their "at [Source: ...]" location.
     */
    public static String describe(Throwable failure) {
        String own = message(failure);
        if (own != null) {
            return own;
        }
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
             cause = cause.getCause()) {
            String message = message(cause);
            if (message != null) {
                return failure.getClass().getSimpleName() + ": " + message;
            }
        }
        if (failure instanceof ConnectException) {
            // the JDK's HTTP client says nothing more, not even whether it was refused or unreachable
            return "cannot connect (ConnectException)";
        }
        return failure.getClass().getSimpleName();
    }

    /** The first line of a text, trimmed: what fits in one log line. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof JsonProcessingException json) {
            message = json.getOriginalMessage();
            if (message != null) {
                message = JSON_START_LOCATION.matcher(message).replaceAll("");
            }
        }
        return message == null || message.isBlank() ? null : oneLine(message);
    }
}
