package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A parsed "where" array: a row matches when every condition holds (an empty array matches all rows). */
record WhereClause(List<Condition> conditions) {

    static WhereClause parse(JsonNode where, TableSchema table) throws RequestFailure {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode condition : where) {
            conditions.add(Condition.parse(condition, table));
        }
        return new WhereClause(List.copyOf(conditions));
    }

    boolean matches(Row row) {
        return conditions.stream().allMatch(condition -> condition.matches(row));
    }
}
