package io.contiv.exporter.app;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations written as Prometheus writes them: {@code 500ms}, {@code 4s}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new TypeConversionException("'" + value + "' is not a duration like 500ms, 4s or 5m");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + value + "' is not a duration like 500ms, 4s or 5m");
        }
    }
}
