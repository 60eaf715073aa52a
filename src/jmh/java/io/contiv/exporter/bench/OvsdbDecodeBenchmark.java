package io.contiv.exporter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.ovsdb.InterfaceRowDecoder;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.testing.SelectReplies;
import io.contiv.exporter.ovsdb.OvsdbException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * Turning OVSDB's bytes into {@link OvsInterface}s: a full select reply (what a resync or the one-shot client
 * reads) and a monitor update in which every row changed (what ovs-vswitchd's statistics refresh causes every
 * 5 s). Both include Jackson's parse of the message, as the connection's reader thread does it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// a fixed heap keeps heap resizing out of the figures (some operations allocate over 100 MiB)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OvsdbDecodeBenchmark {

    @Param({"1000", "10000"})
    public int interfaces;

    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] selectResult;
    private byte[] monitorUpdate;

    @Setup
    public void build() {
        SyntheticNode node = new SyntheticNode(interfaces);
        selectResult = node.selectResult();
        monitorUpdate = node.monitorUpdate();
    }

    @Benchmark
    public List<OvsInterface> selectReply() throws IOException {
        return SelectReplies.decode(mapper.readTree(selectResult));
    }

    /** As {@code OvsdbMonitor} applies an update: decode every "new" row into the cache keyed by UUID. */
    @Benchmark
    public Map<String, OvsInterface> monitorUpdate() throws IOException {
        JsonNode rows = mapper.readTree(monitorUpdate).get("params").get(1).get("Interface");
        Map<String, OvsInterface> cache = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> updates = rows.fields();
        while (updates.hasNext()) {
            Map.Entry<String, JsonNode> update = updates.next();
            cache.put(update.getKey(), decode(update.getValue().get("new"), update.getKey()));
        }
        return cache;
    }

    private static OvsInterface decode(JsonNode row, String uuid) throws OvsdbException {
        return InterfaceRowDecoder.decode(row, uuid);
    }
}
