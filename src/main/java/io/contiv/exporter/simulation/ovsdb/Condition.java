package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/** One parsed {@code [column, function, value]} condition of a "where" clause. */
record Condition(String column, ConditionFunction function, Datum value) {

    /** Parses one condition with ovsdb-server's checks (ovsdb_clause_from_json) and error messages. */
    static Condition parse(JsonNode json, TableSchema table) throws RequestFailure {
        if (!json.isArray() || json.size() != 3 || !json.get(0).isTextual() || !json.get(1).isTextual()) {
            throw RequestFailure.syntax(json, "Parse error in condition.");
        }
        String columnName = json.get(0).asText();
        ColumnType type = table.column(columnName).orElseThrow(() -> new RequestFailure(new OvsdbError(
                "unknown column", "No column " + columnName + " in table " + table.name() + ".", json)));
        String functionName = json.get(1).asText();
        ConditionFunction function = ConditionFunction.fromWireName(functionName).orElseThrow(() ->
                new RequestFailure(new OvsdbError("unknown function", "No function named " + functionName + ".",
                        null)));
        return new Condition(columnName, function, DatumCodec.decode(json.get(2), argumentType(json, function, type,
                columnName)));
    }

    /** The type the value must have: ordering wants one number, includes/excludes accept subsets. */
    private static ColumnType argumentType(JsonNode json, ConditionFunction function, ColumnType type,
                                           String columnName) throws RequestFailure {
        switch (function) {
            case INCLUDES:
                return type.isScalar() ? type : type.withBounds(0, type.max());
            case EXCLUDES:
                return type.isScalar() ? type : type.withBounds(0, ColumnType.UNLIMITED);
            case EQUAL:
            case NOT_EQUAL:
                return type;
            default:
                boolean numeric = type.key().type() == AtomicType.INTEGER || type.key().type() == AtomicType.REAL;
                if (!(type.isScalar() || type.isOptionalScalar()) || !numeric) {
                    throw RequestFailure.syntax(json, "Type mismatch: \"" + function.wireName()
                            + "\" operator may not be applied to column " + columnName + " of type "
                            + type.describe() + ".");
                }
                return type.withBounds(1, 1);
        }
    }

    boolean matches(Row row) {
        Datum actual = row.get(column);
        return switch (function) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case INCLUDES -> actual.includesAll(value);
            case EXCLUDES -> actual.excludesAll(value);
            default -> actual.size() == 1 && ordered(AtomOrder.INSTANCE.compare(actual.keys().get(0),
                    value.keys().get(0)));
        };
    }

    private boolean ordered(int comparison) {
        return switch (function) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case GREATER -> comparison > 0;
            default -> throw new IllegalStateException(function + " is not an ordering");
        };
    }
}
