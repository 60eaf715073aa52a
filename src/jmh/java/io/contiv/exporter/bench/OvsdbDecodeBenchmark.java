package io.contiv.exporter.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.contiv.exporter.ovsdb.InterfaceTable;
import io.contiv.exporter.ovsdb.OvsdbConnection;
import io.contiv.exporter.ovsdb.TableUpdatesReader;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turning OVSDB's bytes into the cached {@code Interface} rows, as the monitor's reader thread does it: the
 * {@code monitor_cond} reply with every row (start, resync), and the {@code update2} notification of a statistics
 * refresh, in which every row's counters changed (what ovs-vswitchd causes every 5 s). Both from the message's
 * bytes, as the framer hands them over, through the streaming parser.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the heap the sidecar has: what one operation allocates must be collected in it
@Fork(value = 1, jvmArgsAppend = {"-Xms128m", "-Xmx128m", "-XX:+UseSerialGC"})
public class OvsdbDecodeBenchmark {

    @Param({"1000", "10000"})
    public int interfaces;

    private final JsonFactory json = OvsdbConnection.newMapper().getFactory();
    private final TableUpdatesReader reader = new TableUpdatesReader();
    private byte[] initialReply;
    private byte[][] refreshes;
    private InterfaceTable table;
    private int round;

    @Setup
    public void build() throws IOException {
        SyntheticNode node = new SyntheticNode(interfaces);
        initialReply = node.monitorCondReply();
        refreshes = new byte[][] {node.statisticsRefresh(1), node.statisticsRefresh(2)};
        table = initialRows();
    }

    /** The monitor_cond reply: every row read into a new table. */
    @Benchmark
    public InterfaceTable initialRows() throws IOException {
        InterfaceTable fresh = new InterfaceTable();
        try (JsonParser parser = json.createParser(initialReply)) {
            toMember(parser, "result");
            reader.apply(parser, TableUpdatesReader.Notation.UPDATE2, fresh);
        }
        fresh.rows();
        return fresh;
    }

    /** One statistics refresh applied to the table, and the list of rows a consumer reads after it. */
    @Benchmark
    public Object statisticsRefresh() throws IOException {
        try (JsonParser parser = json.createParser(refreshes[round++ & 1])) {
            toMember(parser, "params");
            parser.nextToken();
            parser.nextToken();
            reader.apply(parser, TableUpdatesReader.Notation.UPDATE2, table);
        }
        return table.rows();
    }

    private static void toMember(JsonParser parser, String member) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(member)) {
                return;
            }
            parser.skipChildren();
        }
        throw new IOException("no " + member);
    }
}
