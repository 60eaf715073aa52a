package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the simulator's Interface rows into a real ovsdb-server and checks that the same transacts get the
 * same answers from both: same rows, same encoding of every value, same reply and error shapes.
 */
class RealOvsdbServerComparisonTest {
    private static final String EXPORTER_SELECT = "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],"
            + "\"columns\":[\"name\",\"external_ids\",\"statistics\"]}";
    private static final String STATE_SELECT = "{\"op\":\"select\",\"table\":\"Interface\","
            + "\"where\":[[\"type\",\"==\",\"internal\"],[\"name\",\"!=\",\"vvport2\"]],"
            + "\"columns\":[\"name\",\"mtu\",\"ofport\",\"admin_state\",\"link_state\",\"link_resets\",\"type\"]}";
    private static final String FAILING_SELECT = "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],"
            + "\"columns\":[\"nope\"]}";

    @Test
    void realAndSimulatedServersAnswerTheSameSelects(@TempDir Path directory) throws Exception {
        try (RealOvsdbServer real = RealOvsdbServer.startOrSkip(directory);
             SimulatedSwitch simulated = SimulatedSwitch.contivNode();
             RawJsonRpcClient realClient = RawJsonRpcClient.connect(real.port());
             RawJsonRpcClient simulatedClient = simulated.connect()) {
            simulated.clock.advance(12);
            JsonNode inserted = realClient.callParsed(transact(insertAll(simulatedClient)));
            assertThat(inserted.get("result").toString()).doesNotContain("error");

            for (String operation : List.of(EXPORTER_SELECT, STATE_SELECT, "{\"op\":\"select\","
                    + "\"table\":\"Interface\",\"where\":[[\"name\",\"==\",\"vvport1\"]]}")) {
                JsonNode fromReal = realClient.callParsed(transact(operation));
                JsonNode fromSimulator = simulatedClient.callParsed(transact(operation));

                assertThat(memberNames(fromSimulator)).isEqualTo(memberNames(fromReal));
                assertThat(fromSimulator.get("error").isNull()).isTrue();
                assertThat(encodedRowsByName(fromSimulator)).as(operation).isEqualTo(encodedRowsByName(fromReal));
            }
            assertThat(simulatedClient.call(transact(FAILING_SELECT))).isEqualTo(realClient.call(transact(FAILING_SELECT)));
        }
    }

    /** One transaction inserting the simulator's Interface rows with a Port each, a Bridge and the root row. */
    private static String insertAll(RawJsonRpcClient simulatedClient) throws Exception {
        JsonNode rows = simulatedClient.callParsed(transact("{\"op\":\"select\",\"table\":\"Interface\","
                + "\"where\":[]}")).at("/result/0/rows");
        List<String> operations = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        int n = 0;
        for (JsonNode row : rows) {
            ObjectNode content = ((ObjectNode) row).deepCopy();
            content.remove(List.of(TableSchema.UUID_COLUMN, TableSchema.VERSION_COLUMN));
            operations.add("{\"op\":\"insert\",\"table\":\"Interface\",\"uuid-name\":\"i" + n + "\",\"row\":"
                    + content + "}");
            operations.add("{\"op\":\"insert\",\"table\":\"Port\",\"uuid-name\":\"p" + n + "\",\"row\":{\"name\":"
                    + row.get("name") + ",\"interfaces\":[\"named-uuid\",\"i" + n + "\"]}}");
            ports.add("[\"named-uuid\",\"p" + n + "\"]");
            n++;
        }
        operations.add("{\"op\":\"insert\",\"table\":\"Bridge\",\"uuid-name\":\"b\",\"row\":{\"name\":"
                + "\"contivVlanBridge\",\"ports\":[\"set\",[" + String.join(",", ports) + "]]}}");
        operations.add("{\"op\":\"insert\",\"table\":\"Open_vSwitch\",\"row\":{\"bridges\":[\"named-uuid\",\"b\"]}}");
        return String.join(",", operations);
    }

    private static String transact(String operations) {
        return "{\"method\":\"transact\",\"params\":[\"Open_vSwitch\"," + operations + "],\"id\":1}";
    }

    private static List<String> memberNames(JsonNode reply) {
        List<String> names = new ArrayList<>();
        reply.fieldNames().forEachRemaining(names::add);
        reply.at("/result/0").fieldNames().forEachRemaining(name -> names.add("result/0/" + name));
        return names;
    }

    /**
     * Each row as "column=compact JSON of its value", sorted, rows sorted by name: equal only when both servers
     * encode every value identically (map and set order included). {@code _uuid} and {@code _version} differ by
     * nature and are left out; member order within a row differs (hash order in ovsdb-server) and is ignored.
     */
    private static List<List<String>> encodedRowsByName(JsonNode reply) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : (ArrayNode) reply.at("/result/0/rows")) {
            List<String> columns = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                if (!column.getKey().startsWith("_")) {
                    columns.add(column.getKey() + "=" + column.getValue());
                }
            }
            columns.sort(Comparator.naturalOrder());
            rows.add(columns);
        }
        rows.sort(Comparator.comparing(columns -> columns.stream().filter(c -> c.startsWith("name=")).findFirst()
                .orElse("")));
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
