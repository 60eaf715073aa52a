package io.contiv.exporter.ovsdb;

import static io.contiv.exporter.support.FuzzInputs.JSON;
import static io.contiv.exporter.support.FuzzInputs.throwsOnly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.support.FuzzInputs;
import io.contiv.exporter.support.Resources;
import io.contiv.exporter.testing.SelectReplies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the OVSDB side: the framer that cuts the socket's bytes into messages, the streaming decoding of monitor
 * replies and of {@code update} and {@code update2} notifications into the cached rows, and of select replies and
 * Interface rows. Whatever arrives, only OvsdbException (or Jackson's parse errors, which are IOExceptions the
 * connection handles) comes out, quickly, and memory stays bounded; a bad row does not lose the place in the stream.
 */
class OvsdbDecoderFuzzTest {

    private static final byte[] REPLY = Resources.bytes("reference/ovsdb/transact-select-interface-reply.json");
    private static final int MAX = 16 * 1024;

    /** A monitor_cond reply and notifications as they follow each other on the socket (shapes of ovsdb-server 3.1). */
    private static byte[] referenceStream() {
        return ("{\"id\":7,\"result\":{\"Interface\":{\"u0\":{\"initial\":{\"name\":\"br0\"}},\"u1\":{\"initial\":"
                + "{\"admin_state\":\"up\",\"external_ids\":[\"map\",[[\"endpoint-id\",\"ep1\"]]],\"mtu\":1450,"
                + "\"name\":\"p1\",\"statistics\":[\"map\",[[\"rx_bytes\",5],[\"tx_bytes\",7]]]}}}},\"error\":null}\n"
                + "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}"
                + "{\"id\":null,\"method\":\"update2\",\"params\":[\"m\",{\"Interface\":{\"u1\":{\"modify\":"
                + "{\"admin_state\":\"down\",\"link_state\":\"up\",\"mtu\":[\"set\",[]],\"statistics\":[\"map\","
                + "[[\"collisions\",1],[\"rx_bytes\",9]]]}},\"u2\":{\"insert\":{\"name\":\"p2\"}},"
                + "\"u0\":{\"delete\":null}}}]}"
                + "{\"id\":null,\"method\":\"update\",\"params\":[\"m\",{\"Interface\":{\"u1\":{\"new\":"
                + "{\"name\":\"vvport1\",\"statistics\":[\"map\",[[\"rx_bytes\",1]]]}}}}]}"
                + "{\"id\":8,\"result\":" + new String(REPLY, StandardCharsets.UTF_8).strip() + ",\"error\":null}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void framerTakesAnyBytes(@ForAll @Size(max = 3000) byte[] bytes,
                             @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 64) Integer> chunks) {
        throwsOnly(() -> frameParseDecode(FuzzInputs.chunked(bytes, chunks)), OvsdbException.class,
                JsonProcessingException.class);
    }

    @Property(tries = 300)
    void framerTakesMutatedReferenceStreams(@ForAll("mutatedStreams") byte[] bytes,
                                            @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 512) Integer> chunks) {
        throwsOnly(() -> frameParseDecode(FuzzInputs.chunked(bytes, chunks)), OvsdbException.class,
                JsonProcessingException.class);
    }

    @Property(tries = 100)
    void framingDoesNotDependOnHowTheStreamIsCut(@ForAll("messages") List<JsonNode> messages,
                                                 @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 40) Integer> chunks,
                                                 @ForAll @IntRange(max = 3) int spaces) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages) {
            byte[] text = FuzzInputs.text(message).getBytes(StandardCharsets.UTF_8);
            texts.add(new String(text, StandardCharsets.UTF_8));
            stream.writeBytes(" \n\t".repeat(spaces).getBytes(StandardCharsets.US_ASCII));
            stream.writeBytes(text);
        }
        JsonMessageFramer framer = new JsonMessageFramer(FuzzInputs.chunked(stream.toByteArray(), chunks), 1 << 20);
        List<String> framed = new ArrayList<>();
        JsonMessageFramer.Frame next;
        while ((next = framer.next()) != null) {
            framed.add(next.toString());
        }
        assertThat(framed).containsExactlyElementsOf(texts);
    }

    @Property(tries = 300)
    void decodeSelectTakesAnyResult(@ForAll("selectResults") JsonNode result) {
        throwsOnly(() -> checkInterfaces(SelectReplies.decode(result)), OvsdbException.class);
    }

    @Property(tries = 300)
    void decodeSelectTakesMutatedReferenceReplies(@ForAll("mutatedReplies") JsonNode result) {
        throwsOnly(() -> checkInterfaces(SelectReplies.decode(result)), OvsdbException.class);
    }

    @Property(tries = 300)
    void rowReaderTakesAnyRow(@ForAll("rows") JsonNode row) {
        throwsOnly(() -> checkInterfaces(SelectReplies.decodeRows(JSON.createArrayNode().add(row))),
                OvsdbException.class);
    }

    @Property(tries = 300)
    void update2TakesAnyRowUpdateAndABadRowLosesNothingElse(@ForAll("rowUpdates2") List<JsonNode> updates) {
        throwsOnly(() -> {
            InterfaceTable table = tableWithOneRow();
            ObjectNode rows = JSON.createObjectNode();
            for (int i = 0; i < updates.size(); i++) {
                rows.set("u" + i, updates.get(i));
            }
            // whatever went before, a well-formed insert after it arrives
            rows.set("last", JSON.readTree("{\"insert\":{\"name\":\"vvport-last\"}}"));
            apply(JSON.createObjectNode().set("Interface", rows), TableUpdatesReader.Notation.UPDATE2, table);
            assertThat(table.get("last")).isNotNull().extracting(OvsInterface::name).isEqualTo("vvport-last");
            checkInterfaces(table.rows());
        }, OvsdbException.class, JsonProcessingException.class);
    }

    @Property(tries = 300)
    void updateTakesAnyRowAndABadRowLosesNothingElse(@ForAll("rows") JsonNode row) {
        throwsOnly(() -> {
            InterfaceTable table = tableWithOneRow();
            ObjectNode rows = JSON.createObjectNode();
            rows.set("u1", JSON.createObjectNode().set("new", row));
            rows.set("last", JSON.readTree("{\"new\":{\"name\":\"vvport-last\"}}"));
            apply(JSON.createObjectNode().set("Interface", rows), TableUpdatesReader.Notation.UPDATE, table);
            assertThat(table.get("last")).isNotNull();
            checkInterfaces(table.rows());
        }, OvsdbException.class, JsonProcessingException.class);
    }

    @Property(tries = 300)
    void tableUpdatesTakeAnyTree(@ForAll("tableUpdates") JsonNode updates) {
        for (TableUpdatesReader.Notation notation : TableUpdatesReader.Notation.values()) {
            throwsOnly(() -> {
                InterfaceTable table = tableWithOneRow();
                apply(updates, notation, table);
                checkInterfaces(table.rows());
            }, OvsdbException.class, JsonProcessingException.class);
        }
    }

    @Example
    void aMessageBeyondTheLimitIsRefusedWithoutReadingMuchFurther() {
        // 50 MB of one string, made as it is read: the framer gives up near its limit
        CountingStream stream = new CountingStream("{\"id\":1,\"result\":\"", 50 << 20);
        throwsOnly(() -> {
            JsonMessageFramer framer = new JsonMessageFramer(stream, MAX);
            org.assertj.core.api.Assertions.assertThatThrownBy(framer::next).isInstanceOf(OvsdbException.class)
                    .hasMessageContaining("larger than");
        });
        assertThat(stream.served).isLessThan(MAX + 128 * 1024);
    }

    @Example
    void aNestingBombIsRefusedByTheFramerOrByTheParser() {
        byte[] open = "[".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        byte[] bomb = ("{\"id\":1,\"result\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                .getBytes(StandardCharsets.US_ASCII);
        throwsOnly(() -> frameParseDecode(new ByteArrayInputStream(("{" + new String(open, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII))), OvsdbException.class);
        throwsOnly(() -> {
            byte[] message = new JsonMessageFramer(new ByteArrayInputStream(bomb), 1 << 20).next().copy();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(message))
                    .isInstanceOf(JsonProcessingException.class);
        });
    }

    @Example
    void aLoneSurrogateInAFieldNameIsAParseErrorTheConnectionHandles() {
        // ovsdb-server never sends one; a tree holding one serialises to JSON that Jackson refuses to read back
        throwsOnly(() -> apply(JSON.readTree("{\"Interface\":{\"u1\":{\"new\":{\"\\ud800\":1}}}}"),
                TableUpdatesReader.Notation.UPDATE, tableWithOneRow()), JsonProcessingException.class);
    }

    // ---- generators

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        return FuzzInputs.mutatedBytes(referenceStream());
    }

    @Provide
    Arbitrary<List<JsonNode>> messages() {
        return FuzzInputs.json(3).map(node -> {
            com.fasterxml.jackson.databind.node.ObjectNode message = JSON.createObjectNode();
            message.put("id", 1);
            message.set("result", node);
            return (JsonNode) message;
        }).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> selectResults() {
        Arbitrary<JsonNode> rows = FuzzInputs.interfaceRows().list().ofMaxSize(3).map(FuzzInputs::array);
        Arbitrary<JsonNode> operation = Arbitraries.oneOf(
                rows.map(r -> FuzzInputs.object(java.util.Map.of("rows", r))),
                FuzzInputs.json(2).map(e -> FuzzInputs.object(java.util.Map.of("error", e))),
                FuzzInputs.json(3));
        return Arbitraries.oneOf(operation.list().ofMaxSize(2).map(FuzzInputs::array), FuzzInputs.json(3));
    }

    @Provide
    Arbitrary<JsonNode> mutatedReplies() {
        try {
            return FuzzInputs.mutatedTrees(JSON.readTree(REPLY));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<JsonNode> rows() {
        return FuzzInputs.interfaceRows();
    }

    @Provide
    Arbitrary<List<JsonNode>> rowUpdates2() {
        Arbitrary<JsonNode> update = net.jqwik.api.Combinators.combine(
                Arbitraries.of("initial", "insert", "modify", "delete", "new", "old", ""),
                Arbitraries.oneOf(FuzzInputs.interfaceRows(), FuzzInputs.json(2)))
                .as((kind, row) -> (JsonNode) FuzzInputs.object(java.util.Map.of(kind, row)));
        return Arbitraries.oneOf(update, FuzzInputs.json(3)).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<JsonNode> tableUpdates() {
        Arbitrary<JsonNode> rowsOfInterface = Arbitraries.maps(Arbitraries.of("u1", "u2", "x"),
                Arbitraries.oneOf(rowUpdates2().map(FuzzInputs::array), FuzzInputs.json(3))).ofMaxSize(3)
                .map(FuzzInputs::object);
        return Arbitraries.oneOf(
                rowsOfInterface.map(r -> (JsonNode) FuzzInputs.object(java.util.Map.of("Interface", r))),
                FuzzInputs.json(4));
    }

    // ---- what the connection does with the bytes, in one go

    /**
     * Frames the stream and reads each message as the connection and the monitor do: a result as a monitor reply
     * (or a select reply), {@code update} and {@code update2} parameters into the rows.
     */
    private static void frameParseDecode(InputStream in) throws IOException {
        JsonMessageFramer framer = new JsonMessageFramer(in, MAX);
        JsonMessageFramer.Frame message;
        InterfaceTable table = tableWithOneRow();
        int count = 0;
        while ((message = framer.next()) != null) {
            assertThat(message.length()).isLessThanOrEqualTo(MAX);
            JsonNode tree = parse(message.copy());
            JsonNode result = tree.get("result");
            JsonNode params = tree.get("params");
            try {
                if (result != null) {
                    apply(result, TableUpdatesReader.Notation.UPDATE2, table);
                    checkInterfaces(SelectReplies.decode(result));
                } else if (params != null && params.isArray() && params.size() == 2) {
                    apply(params.get(1), "update".equals(tree.path("method").asText())
                            ? TableUpdatesReader.Notation.UPDATE : TableUpdatesReader.Notation.UPDATE2, table);
                }
            } catch (OvsdbException e) {
                // a fine answer to a bad message
            }
            checkInterfaces(table.rows());
            assertThat(++count).isLessThan(100_000);
        }
    }

    /** Streams {@code updates} into {@code table} as the monitor does, checking the parser ends where it should. */
    private static void apply(JsonNode updates, TableUpdatesReader.Notation notation, InterfaceTable table)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(JSON.createArrayNode().add(updates).add("after"));
        try (JsonParser parser = OvsdbConnection.newMapper().getFactory().createParser(bytes)) {
            parser.nextToken();
            parser.nextToken();
            boolean structure = parser.currentToken().isStructStart();
            try {
                new TableUpdatesReader().apply(parser, notation, table);
            } catch (OvsdbException e) {
                // a failure of the whole batch: the connection moves past the value
                if (structure) {
                    JsonStructure.finish(parser, 2);
                }
                assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
                throw e;
            }
            // a parse error (JsonProcessingException) ends the connection instead; anything else ends here
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(parser.getText()).isEqualTo("after");
        }
    }

    private static InterfaceTable tableWithOneRow() {
        InterfaceTable table = new InterfaceTable();
        table.put(new OvsInterface("u1", "vvport1", java.util.Map.of("endpoint-id", "ep1"),
                java.util.Map.of("rx_bytes", 1L, "tx_bytes", 2L), InterfaceState.UNKNOWN));
        return table;
    }

    private static JsonNode parse(byte[] message) throws IOException {
        return JSON.readTree(message);
    }

    private static void checkInterfaces(List<OvsInterface> interfaces) {
        for (OvsInterface ovs : interfaces) {
            assertThat(ovs.name()).isNotNull();
            assertThat(ovs.uuid()).isNotNull();
            assertThat(ovs.externalIds()).doesNotContainValue(null);
            assertThat(ovs.statistics()).doesNotContainValue(null);
        }
    }

    /** A stream of a prefix and then one byte repeated, counting what it served. */
    private static final class CountingStream extends InputStream {
        private final byte[] prefix;
        private final long length;
        long served;

        CountingStream(String prefix, long length) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
            this.length = length;
        }

        @Override
        public int read() {
            if (served >= length) {
                return -1;
            }
            return served < prefix.length ? prefix[(int) served++] : (served++ > 0 ? 'x' : 'x');
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - served);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = served < prefix.length ? prefix[(int) served] : (byte) 'x';
                served++;
            }
            return n;
        }
    }
}
