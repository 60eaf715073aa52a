package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OVSDB column type: key (and, for maps, value) base types and how many elements the column holds.
 *
 * @param value null unless the column is a map
 * @param max   {@link #UNLIMITED} for "unlimited"
 */
public record ColumnType(BaseType key, BaseType value, long min, long max) {
    /** ovsdb-server stores "unlimited" as UINT_MAX, and prints that number in its error messages. */
    public static final long UNLIMITED = 4294967295L;

    static ColumnType fromJson(JsonNode json) {
        if (json.isTextual()) {
            return new ColumnType(BaseType.fromJson(json), null, 1, 1);
        }
        BaseType key = BaseType.fromJson(json.get("key"));
        BaseType value = json.has("value") ? BaseType.fromJson(json.get("value")) : null;
        long min = json.has("min") ? json.get("min").asLong() : 1;
        JsonNode maxJson = json.get("max");
        long max = maxJson == null ? 1 : maxJson.isTextual() ? UNLIMITED : maxJson.asLong();
        return new ColumnType(key, value, min, max);
    }

    public boolean isMap() {
        return value != null;
    }

    public boolean isScalar() {
        return min == 1 && max == 1 && value == null;
    }

    public boolean isOptionalScalar() {
        return min == 0 && max == 1 && value == null;
    }

    ColumnType withBounds(long newMin, long newMax) {
        return new ColumnType(key, value, newMin, newMax);
    }

    /** The value a column holds until something sets it. */
    Datum defaultDatum() {
        if (isMap()) {
            return Datum.emptyMap();
        }
        return min == 0 ? Datum.emptySet() : Datum.atom(key.defaultAtom());
    }

    /** The English description ovsdb-server uses in "Type mismatch" messages (ovsdb_type_to_english). */
    String describe() {
        if (isScalar()) {
            return key.describe();
        }
        StringBuilder text = new StringBuilder(isMap() ? "map" : "set");
        if (max == UNLIMITED) {
            text.append(min > 0 ? " of " + min + " or more" : " of");
        } else if (min > 0) {
            text.append(" of ").append(min).append(" to ").append(max);
        } else {
            text.append(" of up to ").append(max);
        }
        if (isMap()) {
            text.append(" (").append(key.describe()).append(", ").append(value.describe()).append(") pairs");
        } else {
            text.append(' ').append(key.describe()).append('s');
        }
        return text.toString();
    }
}
