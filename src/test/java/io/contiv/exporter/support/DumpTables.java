package io.contiv.exporter.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ovs-ofctl -O OpenFlow13 dump-tables} prints, "ditto" lines expanded: a table whose statistics
 * equal the previous one's is printed as {@code table 5: ditto}, a run of them as {@code tables 11...253: ditto}.
 */
public final class DumpTables {

    /** One table as ovs-ofctl printed it. */
    public record Table(long active, long lookup, long matched) {
    }

    private static final Pattern TABLE = Pattern.compile("^\\s*table (\\d+):.*$");
    private static final Pattern DITTO = Pattern.compile("^\\s*tables? (\\d+)(?:\\.\\.\\.(\\d+))?: ditto\\s*$");
    private static final Pattern COUNTS = Pattern.compile(
            "^\\s*active=(\\d+), lookup=(\\d+), matched=(\\d+)\\s*$");

    private DumpTables() {
    }

    public static Map<Integer, Table> parse(String text) {
        Map<Integer, Table> tables = new TreeMap<>();
        Integer current = null;
        Table last = null;
        for (String line : text.split("\n")) {
            Matcher ditto = DITTO.matcher(line);
            if (ditto.matches()) {
                int first = Integer.parseInt(ditto.group(1));
                int end = ditto.group(2) == null ? first : Integer.parseInt(ditto.group(2));
                if (last == null) {
                    throw new IllegalArgumentException("ditto before any table: " + line);
                }
                for (int id = first; id <= end; id++) {
                    tables.put(id, last);
                }
                current = null;
                continue;
            }
            Matcher table = TABLE.matcher(line);
            if (table.matches()) {
                current = Integer.parseInt(table.group(1));
                continue;
            }
            Matcher counts = COUNTS.matcher(line);
            if (counts.matches()) {
                if (current == null) {
                    throw new IllegalArgumentException("counts outside a table: " + line);
                }
                last = new Table(Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2)),
                        Long.parseLong(counts.group(3)));
                tables.put(current, last);
                current = null;
            }
        }
        return tables;
    }
}
