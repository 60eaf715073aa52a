package io.contiv.exporter.app;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Everything wrong with one command line, found at once before anything starts: what the parser could not match
 * (it collects those instead of stopping at the first), values that cannot be read as their type, values outside
 * their {@link Bounds}, values their {@link Checked} check refuses, and the command's own {@link OptionRules}.
 * Each problem is one line that names the option and the value as the user wrote it, and the environment variable
 * when the value came from there.
 */
final class OptionProblems {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");

    private OptionProblems() {
    }

    /** Makes {@code commandLine} (and its subcommands) collect every problem for {@link #of}. */
    static CommandLine collecting(CommandLine commandLine) {
        OptionTypes.forgiving(commandLine);
        commandLine.getCommandSpec().parser().collectErrors(true);
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().parser().collectErrors(true));
        return commandLine;
    }

    /**
     * Parses {@code args} into {@code options} (an object with picocli options) as the command line would, and
     * refuses them with every problem in one message; for options built in code (the demo, tests).
     */
    static void parse(Object options, String... args) {
        CommandLine commandLine = collecting(new CommandLine(options));
        List<String> problems = of(commandLine.parseArgs(args));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The problems of the command {@code parsed} runs (its subcommands' included), in the order found. */
    static List<String> of(ParseResult parsed) {
        ParseResult command = parsed;
        List<Exception> errors = new ArrayList<>(parsed.errors());
        while (command.hasSubcommand()) {
            command = command.subcommand();
            errors.addAll(command.errors());
        }
        List<String> problems = new ArrayList<>();
        Set<ArgSpec> unmatched = new HashSet<>();
        for (Exception error : errors) {
            problems.add(describe(error, command));
            if (error instanceof ParameterException parameter && parameter.getArgSpec() != null) {
                unmatched.add(parameter.getArgSpec());
            }
        }
        List<String> refused = new ArrayList<>();
        for (OptionSpec option : command.commandSpec().options()) {
            if (!unmatched.contains(option)) {
                Optional<String> problem = checkValue(option, command);
                problem.ifPresent(problems::add);
                if (problem.isPresent()) {
                    refused.add(named(option, rawValue(option, command), command) + " ");
                }
            }
        }
        if (command.commandSpec().userObject() instanceof OptionRules rules) {
            // a value refused on its own is not judged again against other options
            rules.problems().stream().filter(p -> refused.stream().noneMatch(p::startsWith)).forEach(problems::add);
        }
        return problems;
    }

    private static Optional<String> checkValue(OptionSpec option, ParseResult command) {
        String raw = rawValue(option, command);
        if (raw == null || !OptionTypes.isRead(option.type()) && !(option.userObject() instanceof Field)) {
            return Optional.empty();
        }
        if (OptionTypes.isRead(option.type())) {
            try {
                OptionTypes.read(option.type(), raw);
            } catch (IllegalArgumentException e) {
                return Optional.of(named(option, raw, command) + ": " + rule(option, e.getMessage()));
            }
        }
        Field field = option.userObject() instanceof Field f ? f : null;
        Bounds bounds = field == null ? null : field.getAnnotation(Bounds.class);
        Object value = option.getValue();
        if (bounds != null && value != null && !within(value, bounds)) {
            return Optional.of(named(option, raw, command) + ": " + rule(option, null));
        }
        Checked checked = field == null ? null : field.getAnnotation(Checked.class);
        if (checked != null && value instanceof String text && !text.isBlank()) {
            try {
                checker(checked).check(text);
            } catch (IllegalArgumentException e) {
                return Optional.of(named(option, raw, command) + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static String describe(Exception error, ParseResult command) {
        if (error instanceof UnmatchedArgumentException unmatched) {
            List<String> parts = new ArrayList<>();
            boolean afterUnknownOption = false;
            for (String argument : unmatched.getUnmatched()) {
                boolean option = argument.startsWith("-");
                // what follows an unknown option is taken for its value, not named again
                if (option) {
                    parts.add("unknown option " + argument);
                } else if (!afterUnknownOption) {
                    parts.add("unexpected argument '" + argument + "' (commands: serve, once, demo, version, help)");
                }
                afterUnknownOption = option;
            }
            return String.join("; ", parts) + (unmatched.getSuggestions().isEmpty() ? ""
                    : "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        if (error instanceof MissingParameterException missing && missing.getMissing() != null
                && !missing.getMissing().isEmpty() && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + ": needs a value (" + option.paramLabel() + ")";
        }
        if (error instanceof OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + ": given more than once";
        }
        if (error instanceof ParameterException parameter && parameter.getArgSpec() instanceof OptionSpec option) {
            return named(option, parameter.getValue(), command) + ": " + rule(option, parameter.getMessage());
        }
        return error.getMessage();
    }

    /** What the option's values must be; {@code otherwise} when its type says nothing better. */
    private static String rule(OptionSpec option, String otherwise) {
        Bounds bounds = option.userObject() instanceof Field field ? field.getAnnotation(Bounds.class) : null;
        if (bounds != null) {
            return "must be " + (option.type() == Duration.class ? "a duration" : "a whole number") + " from "
                    + bounds.min() + " to " + bounds.max();
        }
        Class<?> type = option.type();
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT)).toList();
            return "must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.get(names.size() - 1);
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Duration.class) {
            return "must be a duration like 500ms, 4s or 1m30s";
        }
        return otherwise;
    }

    private static boolean within(Object value, Bounds bounds) {
        if (value instanceof Duration duration) {
            return duration.compareTo(DurationConverter.parse(bounds.min())) >= 0
                    && duration.compareTo(DurationConverter.parse(bounds.max())) <= 0;
        }
        if (value instanceof Number number) {
            return number.longValue() >= Long.parseLong(bounds.min())
                    && number.longValue() <= Long.parseLong(bounds.max());
        }
        throw new IllegalStateException("@Bounds on an option of type " + value.getClass());
    }

    /** {@code --mode foo}, {@code --mode foo (from EXPORTER_MODE)}. */
    private static String named(OptionSpec option, String value, ParseResult command) {
        String shown = value == null ? "" : value;
        if (shown.isEmpty() || shown.chars().anyMatch(Character::isWhitespace)) {
            shown = "'" + shown + "'";
        }
        String fromEnvironment = command.hasMatchedOption(option) ? null : environmentVariable(option);
        return option.longestName() + " " + shown + (fromEnvironment == null ? "" : " (from " + fromEnvironment + ")");
    }

    /** The value as written: on the command line, else in the environment or the default; null if none. */
    private static String rawValue(OptionSpec option, ParseResult command) {
        if (command.hasMatchedOption(option)) {
            List<String> given = command.matchedOption(option.longestName()).originalStringValues();
            return given.isEmpty() ? null : given.get(given.size() - 1);
        }
        return option.defaultValue();
    }

    /** The environment variable an option's default comes from, when it is set. */
    private static String environmentVariable(OptionSpec option) {
        String declared = option.defaultValueString();
        if (declared == null) {
            return null;
        }
        Matcher matcher = ENV_DEFAULT.matcher(declared);
        return matcher.find() && System.getenv(matcher.group(1)) != null ? matcher.group(1) : null;
    }

    private static Checked.ValueCheck checker(Checked checked) {
        try {
            var constructor = checked.value().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot make the check " + checked.value(), e);
        }
    }
}
