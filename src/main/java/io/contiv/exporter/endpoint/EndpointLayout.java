package io.contiv.exporter.endpoint;

import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.SeriesFamily;
import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the endpoint families' series are, as opposed to what their values are: the join of OVS with the endpoint
 * directory, the label tables made of it, and where each joined endpoint's row is in the list of rows. It is built
 * again only when what it is made of changed (the directory, or an interface added, removed, renamed or given other
 * external IDs); a statistics refresh reuses it and only reads the new values.
 */
final class EndpointLayout {

    private final long directoryVersion;
    private final boolean comparable;
    private final List<OvsInterface> rows;
    private final JoinResult join;
    private final int[] rowOf;
    private final List<LabelTable> tables;

    private EndpointLayout(long directoryVersion, boolean comparable, List<OvsInterface> rows, JoinResult join,
                           int[] rowOf, List<LabelTable> tables) {
        this.directoryVersion = directoryVersion;
        this.comparable = comparable;
        this.rows = rows;
        this.join = join;
        this.rowOf = rowOf;
        this.tables = tables;
    }

    /** {@code join} must be of {@code rows}; {@code tables} are the label tables the writer's families use. */
    static EndpointLayout of(long directoryVersion, boolean comparable, List<OvsInterface> rows, JoinResult join,
                             List<LabelTable> tables) {
        Map<OvsInterface, Integer> index = new IdentityHashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i), i);
        }
        int[] rowOf = new int[join.joined().size()];
        for (int j = 0; j < rowOf.length; j++) {
            Integer row = index.get(join.joined().get(j).ovsInterface());
            if (row == null) {
                throw new IllegalArgumentException("joined interface " + join.joined().get(j).ovsInterface().name()
                        + " is not among the rows");
            }
            rowOf[j] = row;
        }
        return new EndpointLayout(directoryVersion, comparable, rows, join, rowOf, List.copyOf(tables));
    }

    /**
     * Whether this layout still describes {@code current}: same directory version and comparability, and the same
     * interfaces in the same places with the same names and external IDs (the monitor keeps those objects when
     * only other columns change, so this is mostly reference comparisons).
     */
    boolean fits(long directoryVersion, boolean comparable, List<OvsInterface> current) {
        return directoryVersion == this.directoryVersion && sameRows(comparable, current);
    }

    /** As {@link #fits}, whatever the directory's version. */
    boolean sameRows(boolean comparable, List<OvsInterface> current) {
        if (comparable != this.comparable || current.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!sameInterface(rows.get(i), current.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * This layout for a new version of the directory that changed nothing it is made of: {@code join} (of the same
     * rows) joins the same interfaces to equal endpoints, finds the same orphans and the same missing endpoints.
     * Netmaster is read again every 30 s and its endpoints rarely change: their label sets are not made again.
     * Null when something did change.
     */
    EndpointLayout forDirectory(long directoryVersion, List<OvsInterface> current, JoinResult join) {
        if (!sameSeries(join)) {
            return null;
        }
        return new EndpointLayout(directoryVersion, comparable, current, join, rowOf, tables);
    }

    private boolean sameSeries(JoinResult other) {
        List<JoinedEndpoint> was = join.joined();
        List<JoinedEndpoint> now = other.joined();
        if (was.size() != now.size() || join.unknownEndpointInterfaces().size()
                != other.unknownEndpointInterfaces().size() || !join.missingEndpoints().equals(other.missingEndpoints())) {
            return false;
        }
        for (int i = 0; i < was.size(); i++) {
            if (!was.get(i).endpoint().equals(now.get(i).endpoint())
                    || !sameInterface(was.get(i).ovsInterface(), now.get(i).ovsInterface())) {
                return false;
            }
        }
        for (int i = 0; i < join.unknownEndpointInterfaces().size(); i++) {
            if (!sameInterface(join.unknownEndpointInterfaces().get(i), other.unknownEndpointInterfaces().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInterface(OvsInterface was, OvsInterface now) {
        return was == now || was.uuid().equals(now.uuid()) && same(was.name(), now.name())
                && same(was.externalIds(), now.externalIds());
    }

    private static boolean same(Object was, Object now) {
        return was == now || was.equals(now);
    }

    JoinResult join() {
        return join;
    }

    boolean comparable() {
        return comparable;
    }

    LabelTable table(int kind) {
        return tables.get(kind);
    }

    /** The row of the endpoint joined {@code endpoint}-th, in this version's rows. */
    OvsInterface row(List<OvsInterface> current, int endpoint) {
        return current.get(rowOf[endpoint]);
    }

    /**
     * A family over one label table: a point for each endpoint whose row gives a value ({@code NaN}: no point),
     * in label order.
     */
    SeriesFamily family(MetricFamily family, LabelTable table, List<OvsInterface> current,
                        ToDoubleFunction<OvsInterface> value) {
        int[] points = new int[table.size()];
        double[] values = new double[table.size()];
        int count = 0;
        for (int position = 0; position < table.size(); position++) {
            double v = value.applyAsDouble(row(current, table.endpointAt()[position]));
            if (!Double.isNaN(v)) {
                points[count] = position;
                values[count] = v;
                count++;
            }
        }
        return new SeriesFamily(family, table.labels(), trim(points, count), trim(values, count));
    }

    static int[] trim(int[] array, int count) {
        return count == array.length ? array : java.util.Arrays.copyOf(array, count);
    }

    static double[] trim(double[] array, int count) {
        return count == array.length ? array : java.util.Arrays.copyOf(array, count);
    }
}
