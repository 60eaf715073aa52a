package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads rows of the {@code Interface} table straight from the parser into {@link OvsInterface}s: whole rows (a
 * monitor's initial rows, an {@code update}'s "new", an {@code update2}'s "initial" and "insert", a select's rows)
 * and the changes of an {@code update2} "modify". No JSON tree is built; what did not change is shared with the
 * row's previous version. A bad value fails its row only: the parser is left at the row's end, so that the caller
 * can go on with the next one.
 */
public final class InterfaceRowReader {

    /** The columns the exporter uses, and so asks OVSDB for. */
    static final List<String> COLUMNS = List.of(
            "name", "external_ids", "statistics", "admin_state", "link_state", "mtu", "link_resets", "ofport");

    /** The column a statistics refresh changes in every row. */
    private static final SerializedString STATISTICS = new SerializedString("statistics");

    private final OvsdbValueReader values = new OvsdbValueReader();
    private final StatisticsBuilder statistics = new StatisticsBuilder();

    /**
     * One whole row as a select returns it, {@code _uuid} and {@code name} included; the parser is on the row's
     * first token and ends on its last, also when the row cannot be read.
     */
    public OvsInterface readRow(JsonParser parser) throws IOException {
        return readRow(parser, null, null, true);
    }

    /**
     * A whole row. Columns it lacks take their default value (an empty map, no value), as {@code update2} leaves
     * out columns that hold their default; {@code nameRequired} for the formats that send every column asked for.
     * {@code uuid} is null when it is to be read from the row's {@code _uuid}, as a select returns it.
     */
    OvsInterface readRow(JsonParser parser, String uuid, OvsInterface previous, boolean nameRequired)
            throws IOException {
        JsonStructure.expectObject(parser, "Interface row");
        int depth = JsonStructure.depth(parser);
        try {
            String rowUuid = uuid;
            String name = null;
            Map<String, String> externalIds = Map.of();
            statistics.startEmpty();
            String adminState = null;
            String linkState = null;
            Long mtu = null;
            Long linkResets = null;
            Long ofport = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String column = parser.currentName();
                parser.nextToken();
                switch (column) {
                    case "_uuid" -> {
                        String read = values.atomAsString(parser, column);
                        rowUuid = uuid != null ? uuid : read;
                    }
                    case "name" -> name = values.atomAsString(parser, column);
                    case "external_ids" -> externalIds = readStringMap(parser, column);
                    case "statistics" -> readStatistics(parser, false);
                    case "admin_state" -> adminState = optionalString(parser, column);
                    case "link_state" -> linkState = optionalString(parser, column);
                    case "mtu" -> mtu = optionalInteger(parser, column);
                    case "link_resets" -> linkResets = optionalInteger(parser, column);
                    case "ofport" -> ofport = optionalInteger(parser, column);
                    default -> parser.skipChildren();
                }
            }
            if (name == null) {
                if (nameRequired) {
                    throw new OvsdbException("Interface row " + (rowUuid == null ? "" : rowUuid + " ") + "has no name");
                }
                name = "";
            }
            InterfaceState state = new InterfaceState(Optional.ofNullable(adminState), Optional.ofNullable(linkState),
                    Optional.ofNullable(mtu), Optional.ofNullable(linkResets), Optional.ofNullable(ofport));
            return shareUnchanged(new OvsInterface(rowUuid == null ? "" : rowUuid, name, externalIds,
                    statistics.build(), state), previous);
        } catch (OvsdbException e) {
            JsonStructure.finish(parser, depth);
            throw e;
        }
    }

    /**
     * The changes of an {@code update2} "modify" applied to {@code base}: the columns that changed, maps as the
     * difference ovsdb-server sends (see {@link StatisticsBuilder#applyDifference}), every other column (ours hold
     * at most one value) as its new value.
     */
    OvsInterface readModify(JsonParser parser, OvsInterface base) throws IOException {
        JsonStructure.expectObject(parser, "Interface row change");
        int depth = JsonStructure.depth(parser);
        try {
            String name = base.name();
            Map<String, String> externalIds = base.externalIds();
            InterfaceStatistics counters = base.statistics();
            InterfaceState state = base.state();
            String column;
            while ((column = JsonStructure.nextMember(parser, STATISTICS)) != null) {
                parser.nextToken();
                switch (column) {
                    case "name" -> name = values.atomAsString(parser, column);
                    case "external_ids" -> externalIds = applyStringMapDifference(parser, column, externalIds);
                    case "statistics" -> {
                        statistics.startFrom(counters);
                        readStatistics(parser, true);
                        counters = statistics.build();
                    }
                    case "admin_state" -> state = withAdminState(state, optionalString(parser, column));
                    case "link_state" -> state = withLinkState(state, optionalString(parser, column));
                    case "mtu" -> state = withMtu(state, optionalInteger(parser, column));
                    case "link_resets" -> state = withLinkResets(state, optionalInteger(parser, column));
                    case "ofport" -> state = withOfport(state, optionalInteger(parser, column));
                    default -> parser.skipChildren();
                }
            }
            return new OvsInterface(base.uuid(), name, externalIds, counters, state);
        } catch (OvsdbException e) {
            JsonStructure.finish(parser, depth);
            throw e;
        }
    }

    private Map<String, String> readStringMap(JsonParser parser, String column) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        String[] key = new String[1];
        values.map(parser, column, (p, c) -> {
            if (key[0] == null) {
                key[0] = values.internedString(p, c);
            } else {
                map.put(key[0], values.atomAsString(p, c));
                key[0] = null;
            }
        });
        return map;
    }

    private Map<String, String> applyStringMapDifference(JsonParser parser, String column, Map<String, String> base)
            throws IOException {
        Map<String, String> difference = readStringMap(parser, column);
        Map<String, String> applied = new HashMap<>(base);
        difference.forEach((key, value) -> {
            if (value.equals(applied.get(key))) {
                applied.remove(key);
            } else {
                applied.put(key, value);
            }
        });
        return applied;
    }

    private void readStatistics(JsonParser parser, boolean difference) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        String[] key = new String[1];
        values.map(parser, "statistics", (p, column) -> {
            if (key[0] == null) {
                key[0] = values.internedString(p, column);
                return;
            }
            long value;
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new OvsdbException("column 'statistics': map value " + OvsdbValueReader.describe(p)
                        + " is not an integer");
            }
            value = p.getLongValue();
            if (difference) {
                statistics.applyDifference(key[0], value);
            } else {
                statistics.put(key[0], value);
            }
            key[0] = null;
        });
    }

    private String optionalString(JsonParser parser, String column) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null
                : values.optional(parser, column, values::internedString);
    }

    private Long optionalInteger(JsonParser parser, String column) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null
                : values.optional(parser, column, values::integer);
    }

    /** The row as read, with what equals the previous version's taken from it, so that versions share it. */
    private static OvsInterface shareUnchanged(OvsInterface read, OvsInterface previous) {
        if (previous == null) {
            return read;
        }
        String name = read.name().equals(previous.name()) ? previous.name() : read.name();
        Map<String, String> externalIds = read.externalIds().equals(previous.externalIds())
                ? previous.externalIds() : read.externalIds();
        InterfaceStatistics counters = read.statistics().equals(previous.statistics())
                ? previous.statistics() : read.statistics();
        InterfaceState state = read.state().equals(previous.state()) ? previous.state() : read.state();
        return new OvsInterface(read.uuid(), name, externalIds, counters, state);
    }

    private static InterfaceState withAdminState(InterfaceState s, String value) {
        return Objects.equals(s.adminState().orElse(null), value) ? s : new InterfaceState(Optional.ofNullable(value),
                s.linkState(), s.mtu(), s.linkResets(), s.ofport());
    }

    private static InterfaceState withLinkState(InterfaceState s, String value) {
        return Objects.equals(s.linkState().orElse(null), value) ? s : new InterfaceState(s.adminState(),
                Optional.ofNullable(value), s.mtu(), s.linkResets(), s.ofport());
    }

    private static InterfaceState withMtu(InterfaceState s, Long value) {
        return Objects.equals(s.mtu().orElse(null), value) ? s : new InterfaceState(s.adminState(), s.linkState(),
                Optional.ofNullable(value), s.linkResets(), s.ofport());
    }

    private static InterfaceState withLinkResets(InterfaceState s, Long value) {
        return Objects.equals(s.linkResets().orElse(null), value) ? s : new InterfaceState(s.adminState(),
                s.linkState(), s.mtu(), Optional.ofNullable(value), s.ofport());
    }

    private static InterfaceState withOfport(InterfaceState s, Long value) {
        return Objects.equals(s.ofport().orElse(null), value) ? s : new InterfaceState(s.adminState(),
                s.linkState(), s.mtu(), s.linkResets(), Optional.ofNullable(value));
    }
}
