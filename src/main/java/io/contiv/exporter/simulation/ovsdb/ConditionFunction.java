package io.contiv.exporter.simulation.ovsdb;

import java.util.Optional;

/** The functions of an RFC 7047 condition {@code [column, function, value]}. */
enum ConditionFunction {
    LESS("<"), LESS_OR_EQUAL("<="), EQUAL("=="), NOT_EQUAL("!="), GREATER_OR_EQUAL(">="), GREATER(">"),
    INCLUDES("includes"), EXCLUDES("excludes");

    private final String wireName;

    ConditionFunction(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    boolean isOrdering() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER_OR_EQUAL || this == GREATER;
    }

    static Optional<ConditionFunction> fromWireName(String name) {
        for (ConditionFunction function : values()) {
            if (function.wireName.equals(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
