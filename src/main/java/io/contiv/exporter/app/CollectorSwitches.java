package io.contiv.exporter.app;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code --collector.<name>[=true|false]} and {@code --no-collector.<name>} flags, one pair per {@link Collector},
 * made from the enum rather than written out (picocli's own negation does not apply to names with a dot). Holds what
 * was given: a collector whose flag was not given is decided by {@link CollectorSelection}.
 */
public final class CollectorSwitches {

    private final Map<Collector, Boolean> given = new EnumMap<>(Collector.class);

    /** True or false when the flag was given, empty when not. */
    public Optional<Boolean> given(Collector collector) {
        return Optional.ofNullable(given.get(collector));
    }

    /** Adds the flags of every collector to the command, once. */
    void addOptionsTo(CommandSpec command) {
        for (Collector collector : Collector.values()) {
            String on = "--collector." + collector.flag();
            if (command.findOption(on) != null) {
                continue;
            }
            command.addOption(OptionSpec.builder(on).arity("0..1").fallbackValue("true").type(Boolean.class)
                    .paramLabel("true|false")
                    .description("Collector " + collector.flag() + " (" + collector.mode().name().toLowerCase()
                            + " mode): " + collector.description() + ". [default: "
                            + (collector.byDefault() == Collector.Default.ON ? "on" : "detected") + "]")
                    .getter(getter(() -> given.get(collector)))
                    .setter(setter(value -> {
                        if (value != null) {
                            given.put(collector, (Boolean) value);
                        }
                    }))
                    .build());
            command.addOption(OptionSpec.builder("--no-collector." + collector.flag()).arity("0").type(boolean.class)
                    .description("Turn collector " + collector.flag() + " off.")
                    .getter(getter(() -> Boolean.FALSE.equals(given.get(collector))))
                    .setter(setter(value -> {
                        if (Boolean.TRUE.equals(value)) {
                            given.put(collector, false);
                        }
                    }))
                    .build());
        }
    }

    private static IGetter getter(java.util.function.Supplier<Object> value) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) value.get();
            }
        };
    }

    private static ISetter setter(java.util.function.Consumer<Object> store) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                store.accept(value);
                return null;
            }
        };
    }
}
