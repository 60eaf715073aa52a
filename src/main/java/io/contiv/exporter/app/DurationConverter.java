package io.contiv.exporter.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Durations written as Prometheus writes them: {@code 500ms}, {@code 4s}, {@code 5m}, {@code 1h}, {@code 1m30s}.
 * A leading minus is read too, so that {@code -5s} is refused for its sign (by the option's {@link Bounds}) rather
 * than for its spelling.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|h|m|s)");

    /**
     * As picocli's converter it never fails: a value it cannot read becomes null, and {@link OptionProblems}
     * reports it with every other problem (see {@link OptionTypes} for why).
     */
    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static Duration parse(String value) {
        String text = value.trim();
        boolean negative = text.startsWith("-");
        String unsigned = negative ? text.substring(1) : text;
        Matcher part = PART.matcher(unsigned);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != unsigned.length()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration like 500ms, 4s or 1m30s");
        }
        return negative ? total.negated() : total;
    }

    /** The shortest way to write {@code duration} that {@link #parse} reads back: {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-" : "");
        Duration left = duration.abs();
        long hours = left.toHours();
        long minutes = left.toMinutesPart();
        long seconds = left.toSecondsPart();
        long millis = left.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }
}
