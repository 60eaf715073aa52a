package io.contiv.exporter.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How the option values are read, for the types the commands use. picocli stops applying defaults once a value
 * fails to convert, which would leave the other options unset and their rules unjudgeable; so the converters
 * registered here never fail (a value they cannot read becomes {@code null}, or {@code 0} for a number), and
 * {@link OptionProblems} reads every value again with {@link #read}, which does fail, to report it.
 */
final class OptionTypes {

    private static final Map<Class<?>, Function<String, ?>> READERS = Map.of(
            Duration.class, DurationConverter::parse,
            Integer.class, OptionTypes::readInt,
            int.class, OptionTypes::readInt,
            Long.class, OptionTypes::readLong,
            long.class, OptionTypes::readLong,
            Boolean.class, OptionTypes::readBoolean,
            Path.class, OptionTypes::readPath);

    private OptionTypes() {
    }

    /** Registers the forgiving converters on {@code commandLine} and its subcommands, for every option type. */
    static CommandLine forgiving(CommandLine commandLine) {
        READERS.forEach((type, reader) -> register(commandLine, type, reader));
        for (OptionSpec option : allOptions(commandLine)) {
            if (option.type().isEnum()) {
                register(commandLine, option.type(), text -> readEnum(option.type(), text));
            }
        }
        return commandLine;
    }

    /** The value of {@code text} as an option of {@code type}; fails with what is wrong with it. */
    static Object read(Class<?> type, String text) {
        if (type.isEnum()) {
            return readEnum(type, text);
        }
        Function<String, ?> reader = READERS.get(type);
        return reader == null ? text : reader.apply(text);
    }

    /** Whether {@link #read} judges values of this type (text and flags need no reading). */
    static boolean isRead(Class<?> type) {
        return type.isEnum() || READERS.containsKey(type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine commandLine, Class<?> type, Function<String, ?> reader) {
        Object fallback = null;
        if (type == int.class) {
            fallback = 0;
        } else if (type == long.class) {
            fallback = 0L;
        }
        Object placeholder = fallback;
        commandLine.registerConverter((Class) type, text -> {
            try {
                return reader.apply(text);
            } catch (IllegalArgumentException e) {
                return placeholder;
            }
        });
    }

    private static java.util.List<OptionSpec> allOptions(CommandLine commandLine) {
        java.util.List<OptionSpec> options = new java.util.ArrayList<>(commandLine.getCommandSpec().options());
        commandLine.getSubcommands().values().forEach(sub -> options.addAll(allOptions(sub)));
        return options;
    }

    private static Object readEnum(Class<?> type, String text) {
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> ((Enum<?>) constant).name().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not one of " + Arrays.toString(
                        type.getEnumConstants()).toLowerCase(Locale.ROOT)));
    }

    private static Integer readInt(String text) {
        long value = readLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too large");
        }
        return (int) value;
    }

    private static Long readLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static Boolean readBoolean(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("not true or false");
        }
        return Boolean.valueOf(value);
    }

    private static Path readPath(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + e.getReason());
        }
    }
}
