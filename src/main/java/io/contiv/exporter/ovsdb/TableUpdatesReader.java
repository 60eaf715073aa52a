package io.contiv.exporter.ovsdb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * Applies the table updates of a monitor to an {@link InterfaceTable} as they stream from the parser: the reply to
 * {@code monitor} or {@code monitor_cond} (the initial rows) and each {@code update} or {@code update2}
 * notification. A row that cannot be read leaves the table's version of it as it was (a resync replaces it) and
 * does not stop the others; the count and first reason are kept for one log line.
 */
public final class TableUpdatesReader {

    /** The two notations: RFC 7047's {@code update} ("old"/"new") and ovsdb-server's {@code update2}. */
    public enum Notation { UPDATE, UPDATE2 }

    static final String TABLE = "Interface";
    /** What a statistics refresh sends for every row. */
    private static final SerializedString MODIFY = new SerializedString("modify");

    private final InterfaceRowReader rows = new InterfaceRowReader();

    /** What reading one batch of table updates found wrong. */
    public static final class Failures {
        private int count;
        private String first;

        void add(OvsdbException failure) {
            if (count++ == 0) {
                first = failure.getMessage();
            }
        }

        public boolean any() {
            return count > 0;
        }

        /** The failures as one exception, to log or to fail with. */
        public OvsdbException summary() {
            return new OvsdbException(count + " Interface rows could not be read, first: " + first);
        }
    }

    /**
     * Reads {@code {"Interface": {uuid: row-update, ...}, other tables...}} into {@code table}; the parser is on
     * the object's first token and ends on its last.
     */
    public Failures apply(JsonParser parser, Notation notation, InterfaceTable table) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new OvsdbException("table updates are not a JSON object but " + OvsdbValueReader.describe(parser));
        }
        Failures failures = new Failures();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String tableName = parser.currentName();
            parser.nextToken();
            if (!TABLE.equals(tableName)) {
                parser.skipChildren();
                continue;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new OvsdbException("updates of table Interface are not a JSON object but "
                        + OvsdbValueReader.describe(parser));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String uuid = parser.currentName();
                parser.nextToken();
                try {
                    if (notation == Notation.UPDATE2) {
                        applyRowUpdate2(parser, uuid, table);
                    } else {
                        applyRowUpdate(parser, uuid, table);
                    }
                } catch (OvsdbException e) {
                    // past the rest of this row's update (nothing left to skip when the reader already did)
                    parser.skipChildren();
                    failures.add(e);
                }
            }
        }
        return failures;
    }

    /** {@code {"old": ..., "new": ...}}: a "new" row replaces the row; none means the row was deleted. */
    private void applyRowUpdate(JsonParser parser, String uuid, InterfaceTable table) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonStructure.expectObject(parser, "update of Interface row " + uuid);
        }
        int depth = JsonStructure.depth(parser);
        OvsInterface updated = null;
        boolean hasNew = false;
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("new".equals(field) && parser.currentToken() != JsonToken.VALUE_NULL) {
                    hasNew = true;
                    updated = rows.readRow(parser, uuid, table.get(uuid), true);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (OvsdbException e) {
            JsonStructure.finish(parser, depth);
            throw e;
        }
        if (hasNew) {
            table.put(updated);
        } else {
            table.remove(uuid);
        }
    }

    /** {@code {"initial"|"insert"|"modify"|"delete": ...}}, as ovsdb-server(7) describes {@code update2}. */
    private void applyRowUpdate2(JsonParser parser, String uuid, InterfaceTable table) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            JsonStructure.expectObject(parser, "update2 of Interface row " + uuid);
        }
        int depth = JsonStructure.depth(parser);
        try {
            String kind;
            while ((kind = JsonStructure.nextMember(parser, MODIFY)) != null) {
                parser.nextToken();
                switch (kind) {
                    case "initial", "insert" -> table.put(rows.readRow(parser, uuid, table.get(uuid), false));
                    case "modify" -> {
                        OvsInterface base = table.get(uuid);
                        if (base == null) {
                            parser.skipChildren();
                            throw new OvsdbException("a change to Interface row " + uuid + ", which was never sent");
                        }
                        table.put(rows.readModify(parser, base));
                    }
                    case "delete" -> {
                        parser.skipChildren();
                        table.remove(uuid);
                    }
                    default -> throw new OvsdbException("update2 of Interface row " + uuid + " has an unknown kind '"
                            + OvsdbValueReader.abbreviate(kind) + "'");
                }
            }
        } catch (OvsdbException e) {
            JsonStructure.finish(parser, depth);
            throw e;
        }
    }
}
