package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTest {
    private static final String MONITOR_STATISTICS = "{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\","
            + "[\"stats\",1],{\"Interface\":{\"columns\":[\"name\",\"external_ids\",\"statistics\"]}}],\"id\":1}";

    private SimulatedSwitch node;
    private RawJsonRpcClient client;

    @BeforeEach
    void start() throws IOException {
        node = SimulatedSwitch.contivNode();
        node.clock.advance(1);
        client = node.connect();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        node.close();
    }

    @Test
    void initialReplyHoldsEveryRowAsNew() throws IOException {
        JsonNode reply = client.callParsed(MONITOR_STATISTICS);

        assertThat(reply.get("error").isNull()).isTrue();
        JsonNode rows = reply.at("/result/Interface");
        assertThat(rows).hasSize(3);
        JsonNode vvport1 = rowNamed(rows, "vvport1");
        assertThat(vvport1.fieldNames()).toIterable().containsExactly("new");
        assertThat(vvport1.at("/new/external_ids").toString()).isEqualTo("[\"map\",[[\"endpoint-id\",\"ep-1111\"]]]");
        assertThat(vvport1.at("/new/statistics").toString()).isEqualTo(node.encodedStatistics("vvport1"));
        assertThat(vvport1.get("new").fieldNames()).toIterable()
                .containsExactly("external_ids", "name", "statistics");
    }

    @Test
    void advancingTheClockSendsAnUpdateWithLargerStatistics() throws IOException {
        JsonNode initial = client.callParsed(MONITOR_STATISTICS);
        String uuid = uuidOf(initial.at("/result/Interface"), "vvport1");

        node.clock.advance(1);
        JsonNode update = client.next();

        assertThat(update.get("id").isNull()).isTrue();
        assertThat(update.get("method").asText()).isEqualTo("update");
        assertThat(update.at("/params/0").toString()).isEqualTo("[\"stats\",1]");
        JsonNode change = update.at("/params/1/Interface/" + uuid);
        assertThat(change.at("/old").fieldNames()).toIterable().containsExactly("statistics");
        assertThat(change.at("/new").fieldNames()).toIterable().containsExactly("external_ids", "name", "statistics");
        Map<String, Long> before = statistics(initial.at("/result/Interface/" + uuid + "/new/statistics"));
        Map<String, Long> after = statistics(change.at("/new/statistics"));
        assertThat(statistics(change.at("/old/statistics"))).isEqualTo(before);
        for (String counter : new String[] {"rx_bytes", "rx_packets", "tx_bytes", "tx_packets"}) {
            assertThat(after.get(counter)).as(counter).isGreaterThan(before.get(counter));
        }
        assertThat(update.at("/params/1/Interface")).hasSize(3);
    }

    @Test
    void selectFlagsAndColumnsAreHonoured() throws IOException {
        JsonNode reply = client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",null,"
                + "{\"Interface\":{\"columns\":[\"name\",\"mtu\"],\"select\":{\"initial\":false,\"insert\":false}}}],"
                + "\"id\":1}");
        assertThat(reply.toString()).isEqualTo("{\"id\":1,\"result\":{},\"error\":null}");

        node.clock.advance(1); // statistics change, but they are not watched
        node.database.addInterface(SimulatedInterface.endpoint("vvport3", "ep-3333", 3, 1)); // inserts not wanted
        node.database.updateInterface("vvport1", iface -> iface.withMtu(9000L));
        JsonNode update = client.next();

        JsonNode rows = update.at("/params/1/Interface");
        assertThat(rows).hasSize(1);
        JsonNode change = rows.elements().next();
        assertThat(change.toString()).isEqualTo("{\"new\":{\"mtu\":9000,\"name\":\"vvport1\"},\"old\":{\"mtu\":1500}}");

        node.database.removeInterface("vvport2");
        assertThat(client.next().at("/params/1/Interface").elements().next().toString())
                .isEqualTo("{\"old\":{\"mtu\":1500,\"name\":\"vvport2\"}}");
    }

    @Test
    void monitorWithoutColumnsWatchesEveryColumnAndVersionButNotUuid() throws IOException {
        JsonNode reply = client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"all\","
                + "{\"Port\":{},\"Open_vSwitch\":{\"columns\":[\"bridges\",\"_uuid\"]}}],\"id\":1}");

        JsonNode port = reply.at("/result/Port").elements().next().get("new");
        assertThat(port.has("_version")).isTrue();
        assertThat(port.has("_uuid")).isFalse();
        JsonNode root = reply.at("/result/Open_vSwitch").elements().next().get("new");
        assertThat(root.fieldNames()).toIterable().containsExactly("_uuid", "bridges");
        assertThat(root.get("bridges").get(0).asText()).isEqualTo("uuid");
    }

    @Test
    void cancelledMonitorsSendNothingMore() throws IOException {
        client.callParsed(MONITOR_STATISTICS);

        assertThat(client.call("{\"method\":\"monitor_cancel\",\"params\":[[\"stats\",1]],\"id\":2}"))
                .isEqualTo("{\"id\":2,\"result\":{},\"error\":null}");
        node.clock.advance(1);

        // the echo reply is the next message: no update slipped in before it
        assertThat(client.call("{\"method\":\"echo\",\"params\":[],\"id\":3}"))
                .isEqualTo("{\"id\":3,\"result\":[],\"error\":null}");
        assertThat(client.call("{\"method\":\"monitor_cancel\",\"params\":[[\"stats\",1]],\"id\":4}"))
                .isEqualTo("{\"id\":4,\"error\":\"unknown monitor\"}");
    }

    @Test
    void monitorErrorsMatchOvsdbServer() throws IOException {
        client.callParsed(MONITOR_STATISTICS);

        assertThat(client.call(MONITOR_STATISTICS.replace("\"id\":1", "\"id\":2"))).isEqualTo(
                "{\"id\":2,\"error\":{\"syntax\":\"[\\\"stats\\\",1]\",\"details\":\"duplicate monitor ID\","
                        + "\"error\":\"syntax error\"}}");
        assertThat(client.call("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Nope\":{}}],"
                + "\"id\":3}")).isEqualTo("{\"id\":3,\"error\":{\"details\":\"no table named Nope\","
                + "\"error\":\"syntax error\"}}");
        assertThat(client.call("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Interface\":"
                + "{\"columns\":[\"nope\"]}}],\"id\":4}")).isEqualTo("{\"id\":4,\"error\":{\"syntax\":"
                + "\"[\\\"nope\\\"]\",\"details\":\"nope is not a valid column name\",\"error\":\"syntax error\"}}");
    }

    @Test
    void requestMembersAreCheckedLikeOvsdbServerDoes() throws IOException {
        assertThat(client.call("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Interface\":"
                + "{\"columns\":[\"type\",\"type\"]}}],\"id\":1}")).isEqualTo("{\"id\":1,\"error\":{\"syntax\":"
                + "\"[\\\"type\\\",\\\"type\\\"]\",\"details\":\"column type mentioned more than once\","
                + "\"error\":\"syntax error\"}}");
        assertThat(client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Interface\":"
                + "{\"columns\":[\"type\"],\"select\":{\"initial\":1}}}],\"id\":2}").at("/error/details").asText())
                .isEqualTo("Parsing table Interface select failed: Type mismatch for member 'initial'.");
        assertThat(client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"m\",{\"Interface\":"
                + "{\"columns\":[\"type\"],\"foo\":1}}],\"id\":3}").at("/error/details").asText())
                .isEqualTo("Parsing table Interface failed: Member 'foo' is present but not allowed here.");
    }

    @Test
    void emptyColumnsReportBareRowsButAnEmptyRequestListReportsNothing() throws IOException {
        JsonNode bare = client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"a\","
                + "{\"Open_vSwitch\":{\"columns\":[]}}],\"id\":1}");
        JsonNode nothing = client.callParsed("{\"method\":\"monitor\",\"params\":[\"Open_vSwitch\",\"b\","
                + "{\"Open_vSwitch\":[]}],\"id\":2}");

        assertThat(bare.at("/result/Open_vSwitch").elements().next().toString()).isEqualTo("{\"new\":{}}");
        assertThat(nothing.get("result").toString()).isEqualTo("{}");
    }

    private static JsonNode rowNamed(JsonNode rows, String name) {
        for (JsonNode row : rows) {
            if (row.at("/new/name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }

    private static String uuidOf(JsonNode rows, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> row = it.next();
            if (row.getValue().at("/new/name").asText().equals(name)) {
                return row.getKey();
            }
        }
        throw new AssertionError("no row " + name);
    }

    private static Map<String, Long> statistics(JsonNode encodedMap) {
        Map<String, Long> statistics = new java.util.LinkedHashMap<>();
        encodedMap.get(1).forEach(pair -> statistics.put(pair.get(0).asText(), pair.get(1).asLong()));
        return statistics;
    }
}
