package io.contiv.exporter.simulation.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvsdbProtocolTest {
    private SimulatedSwitch node;
    private RawJsonRpcClient client;

    @BeforeEach
    void start() throws IOException {
        node = SimulatedSwitch.contivNode();
        node.clock.advance(3);
        client = node.connect();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        node.close();
    }

    @Test
    void listDbsNamesTheOpenVswitchDatabase() throws IOException {
        assertThat(client.call("{\"method\":\"list_dbs\",\"params\":[],\"id\":0}"))
                .isEqualTo("{\"id\":0,\"result\":[\"Open_vSwitch\"],\"error\":null}");
    }

    @Test
    void selectOfNameExternalIdsAndStatisticsHasOvsdbWireEncoding() throws IOException {
        String reply = client.call("{\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"select\","
                + "\"table\":\"Interface\",\"where\":[],\"columns\":[\"name\",\"external_ids\",\"statistics\"]}],"
                + "\"id\":7}");

        assertThat(reply).isEqualTo("{\"id\":7,\"result\":[{\"rows\":["
                + "{\"external_ids\":[\"map\",[[\"endpoint-id\",\"ep-1111\"]]],\"name\":\"vvport1\","
                + "\"statistics\":" + node.encodedStatistics("vvport1") + "},"
                + "{\"external_ids\":[\"map\",[[\"attached-mac\",\"02:02:ac:13:00:02\"],[\"endpoint-id\",\"ep-2222\"]]],"
                + "\"name\":\"vvport2\",\"statistics\":" + node.encodedStatistics("vvport2") + "},"
                + "{\"external_ids\":[\"map\",[]],\"name\":\"contivVlanBridge\","
                + "\"statistics\":" + node.encodedStatistics("contivVlanBridge") + "}"
                + "]}],\"error\":null}");
        assertThat(node.encodedStatistics("vvport1")).startsWith("[\"map\",[[\"collisions\",0],[\"rx_bytes\",");
    }

    @Test
    void optionalColumnsAreABareAtomWhenSetAndAnEmptySetWhenNot() throws IOException {
        String reply = client.call(selectInterface("[[\"type\",\"==\",\"internal\"]]",
                "[\"name\",\"mtu\",\"ofport\",\"admin_state\",\"link_state\",\"link_resets\",\"type\"]"));

        assertThat(reply).isEqualTo("{\"id\":1,\"result\":[{\"rows\":["
                + "{\"admin_state\":\"up\",\"link_resets\":0,\"link_state\":\"up\",\"mtu\":1500,\"name\":\"vvport1\","
                + "\"ofport\":1,\"type\":\"internal\"},"
                + "{\"admin_state\":\"up\",\"link_resets\":0,\"link_state\":\"up\",\"mtu\":1500,\"name\":\"vvport2\","
                + "\"ofport\":2,\"type\":\"internal\"},"
                + "{\"admin_state\":[\"set\",[]],\"link_resets\":0,\"link_state\":\"up\",\"mtu\":[\"set\",[]],"
                + "\"name\":\"contivVlanBridge\",\"ofport\":[\"set\",[]],\"type\":\"internal\"}"
                + "]}],\"error\":null}");
    }

    @Test
    void uuidReferencesAreTaggedAndSetsOfTwoOrMoreAreTaggedSets() throws IOException {
        JsonNode ports = client.callParsed(select("Port", "[[\"name\",\"==\",\"vvport1\"]]", "[\"interfaces\"]"));
        JsonNode bridge = client.callParsed(select("Bridge", "[]", "[\"ports\"]"));

        JsonNode interfaces = ports.at("/result/0/rows/0/interfaces");
        assertThat(interfaces.get(0).asText()).isEqualTo("uuid");
        assertThat(interfaces.get(1).asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        JsonNode portSet = bridge.at("/result/0/rows/0/ports");
        assertThat(portSet.get(0).asText()).isEqualTo("set");
        assertThat(portSet.get(1)).hasSize(3);
        assertThat(portSet.get(1).get(0).get(0).asText()).isEqualTo("uuid");
        assertThat(portSet.get(1).get(0).get(1).asText()).isLessThan(portSet.get(1).get(1).get(1).asText());
    }

    @Test
    void selectWithoutColumnsReturnsEveryColumnWithUuidAndVersion() throws IOException {
        JsonNode row = client.callParsed(
                "{\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"select\",\"table\":\"Interface\","
                        + "\"where\":[[\"name\",\"==\",\"vvport1\"]]}],\"id\":1}").at("/result/0/rows/0");

        assertThat(row.size()).isEqualTo(37); // 35 Interface columns in OVS 3.1, plus _uuid and _version
        assertThat(row.get("_uuid").get(0).asText()).isEqualTo("uuid");
        assertThat(row.get("_version").get(0).asText()).isEqualTo("uuid");
        assertThat(row.get("bfd").toString()).isEqualTo("[\"map\",[]]");
        assertThat(row.get("ingress_policing_rate").asLong()).isZero();
        assertThat(row.get("cfm_fault").toString()).isEqualTo("[\"set\",[]]");
    }

    @Test
    void whereSupportsEqualsNotEqualsAndIncludesOnScalarsAndMaps() throws IOException {
        assertThat(names(selectInterface("[[\"name\",\"==\",\"vvport2\"]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"vvport2\"}]");
        assertThat(names(selectInterface("[[\"name\",\"!=\",\"vvport2\"]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"vvport1\"},{\"name\":\"contivVlanBridge\"}]");
        assertThat(names(selectInterface("[[\"name\",\"includes\",\"vvport1\"]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"vvport1\"}]");
        assertThat(names(selectInterface(
                "[[\"external_ids\",\"includes\",[\"map\",[[\"endpoint-id\",\"ep-2222\"]]]]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"vvport2\"}]");
        assertThat(names(selectInterface("[[\"ofport\",\"==\",[\"set\",[]]]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"contivVlanBridge\"}]");
        assertThat(names(selectInterface("[[\"ofport\",\">=\",2],[\"type\",\"==\",\"internal\"]]", "[\"name\"]")))
                .isEqualTo("[{\"name\":\"vvport2\"}]");
    }

    @Test
    void selectReturnsDistinctRowsLikeOvsdbServer() throws IOException {
        assertThat(names(selectInterface("[]", "[\"type\"]"))).isEqualTo("[{\"type\":\"internal\"}]");
    }

    @Test
    void errorsComeBackInTheResultArrayAsOvsdbServerSendsThem() throws IOException {
        assertThat(client.call(select("Nope", "[]", "[\"name\"]"))).isEqualTo("{\"id\":1,\"result\":[{"
                + "\"syntax\":\"{\\\"columns\\\":[\\\"name\\\"],\\\"op\\\":\\\"select\\\",\\\"table\\\":\\\"Nope\\\","
                + "\\\"where\\\":[]}\",\"details\":\"Parsing ovsdb operation 1 of 1 failed: No table named Nope.\","
                + "\"error\":\"syntax error\"}],\"error\":null}");
        assertThat(client.call(selectInterface("[]", "[\"nope\"]"))).isEqualTo("{\"id\":1,\"result\":[{"
                + "\"syntax\":\"[\\\"nope\\\"]\",\"details\":\"nope is not a valid column name\","
                + "\"error\":\"syntax error\"}],\"error\":null}");
        assertThat(client.call(selectInterface("[[\"nope\",\"==\",\"x\"]]", "[\"name\"]")))
                .isEqualTo("{\"id\":1,\"result\":[{\"syntax\":\"[\\\"nope\\\",\\\"==\\\",\\\"x\\\"]\","
                        + "\"details\":\"No column nope in table Interface.\",\"error\":\"unknown column\"}],"
                        + "\"error\":null}");
        assertThat(client.call(selectInterface("[[\"admin_state\",\"==\",\"sideways\"]]", "[\"name\"]")))
                .isEqualTo("{\"id\":1,\"result\":[{\"details\":\"sideways is not one of the allowed values "
                        + "([down, up])\",\"error\":\"constraint violation\"}],\"error\":null}");
        assertThat(client.call(selectInterface("[[\"name\",\"<\",\"x\"]]", "[\"name\"]")))
                .contains("\"details\":\"Type mismatch: \\\"<\\\" operator may not be applied to column name of "
                        + "type string.\"");
    }

    @Test
    void malformedOperationsAreReportedBeforeWhatExecutingThemFinds() throws IOException {
        JsonNode reply = client.callParsed("{\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
                + "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],\"columns\":[\"nope\"],\"foo\":1,"
                + "\"bar\":2}],\"id\":1}");

        assertThat(reply.at("/result/0/details").asText()).isEqualTo("Parsing ovsdb operation 1 of 1 failed: "
                + "Member 'bar' and 1 other member are present but not allowed here.");
    }

    @Test
    void operationsAfterAFailedOneGetNull() throws IOException {
        JsonNode reply = client.callParsed("{\"method\":\"transact\",\"params\":[\"Open_vSwitch\","
                + "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[],\"columns\":[\"name\"]},"
                + "{\"op\":\"select\",\"table\":\"Nope\",\"where\":[]},"
                + "{\"op\":\"select\",\"table\":\"Interface\",\"where\":[]}],\"id\":9}");

        assertThat(reply.get("result")).hasSize(3);
        assertThat(reply.at("/result/0/rows")).hasSize(3);
        assertThat(reply.at("/result/1/details").asText())
                .isEqualTo("Parsing ovsdb operation 2 of 3 failed: No table named Nope.");
        assertThat(reply.at("/result/2").isNull()).isTrue();
    }

    @Test
    void requestLevelErrorsHaveNoResultMember() throws IOException {
        assertThat(client.call("{\"method\":\"frob\",\"params\":[],\"id\":6}"))
                .isEqualTo("{\"id\":6,\"error\":\"unknown method\"}");
        assertThat(client.call("{\"method\":\"transact\",\"params\":[\"Nope\"],\"id\":5}"))
                .isEqualTo("{\"id\":5,\"error\":{\"syntax\":\"[\\\"Nope\\\"]\",\"details\":\"transact request "
                        + "specifies unknown database Nope\",\"error\":\"unknown database\"}}");
    }

    @Test
    void anyJsonValueServesAsIdAndMessagesNeedNoDelimiter() throws IOException {
        client.send("{\"method\":\"echo\",\"params\":[\"a\"],\"id\":[1,{\"x\":null}]}"
                + "{\"method\":\"echo\",\"params\":[],\"id\":null}"
                + "{\"method\":\"list_dbs\",\"params\":[],\"id\":\"two\"}");

        assertThat(client.nextRaw()).isEqualTo("{\"id\":[1,{\"x\":null}],\"result\":[\"a\"],\"error\":null}");
        // the request with a null id is a notification: no reply, so list_dbs answers next
        assertThat(client.nextRaw()).isEqualTo("{\"id\":\"two\",\"result\":[\"Open_vSwitch\"],\"error\":null}");
    }

    @Test
    void getSchemaServesTheRealColumnTypes() throws IOException {
        JsonNode schema = client.callParsed("{\"method\":\"get_schema\",\"params\":[\"Open_vSwitch\"],\"id\":1}")
                .get("result");

        assertThat(schema.get("name").asText()).isEqualTo("Open_vSwitch");
        assertThat(schema.get("tables").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Open_vSwitch", "Bridge", "Port", "Interface");
        JsonNode columns = schema.at("/tables/Interface/columns");
        assertThat(columns.get("statistics").toString()).isEqualTo("{\"type\":{\"key\":\"string\","
                + "\"value\":\"integer\",\"min\":0,\"max\":\"unlimited\"},\"ephemeral\":true}");
        assertThat(columns.get("external_ids").toString()).isEqualTo("{\"type\":{\"key\":\"string\","
                + "\"value\":\"string\",\"min\":0,\"max\":\"unlimited\"}}");
        assertThat(columns.get("admin_state").toString()).isEqualTo("{\"type\":{\"key\":{\"type\":\"string\","
                + "\"enum\":[\"set\",[\"up\",\"down\"]]},\"min\":0,\"max\":1},\"ephemeral\":true}");
        assertThat(columns.get("name").toString()).isEqualTo("{\"type\":\"string\",\"mutable\":false}");
        assertThat(columns.get("ofport").toString()).isEqualTo("{\"type\":{\"key\":\"integer\",\"min\":0,\"max\":1}}");
    }

    @Test
    void invalidJsonEndsTheConnectionWithoutAnswer() throws IOException {
        client.send("{bad json");

        assertThat(client.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void paramsThatAreNotAnArrayEndTheConnection() throws IOException {
        client.send("{\"method\":\"echo\",\"params\":\"x\",\"id\":2}");

        assertThat(client.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
    }

    private String names(String request) throws IOException {
        return client.callParsed(request).at("/result/0/rows").toString();
    }

    private static String selectInterface(String where, String columns) {
        return select("Interface", where, columns);
    }

    private static String select(String table, String where, String columns) {
        return "{\"method\":\"transact\",\"params\":[\"Open_vSwitch\",{\"op\":\"select\",\"table\":\"" + table
                + "\",\"where\":" + where + ",\"columns\":" + columns + "}],\"id\":1}";
    }
}
