package io.contiv.exporter.ovsdb;

import io.contiv.exporter.testing.SelectReplies;
import static io.contiv.exporter.support.FuzzInputs.JSON;
import static io.contiv.exporter.support.FuzzInputs.throwsOnly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.support.FuzzInputs;
import io.contiv.exporter.support.Resources;
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
 * Fuzzing the OVSDB side: the framer that cuts the socket's bytes into messages, the parse of a message, and the
 * decoding of a select reply and of Interface rows. Whatever arrives, only OvsdbException (or Jackson's parse
 * errors, which are IOExceptions the connection handles) comes out, quickly, and memory stays bounded.
 */
class OvsdbDecoderFuzzTest {

    private static final byte[] REPLY = Resources.bytes("reference/ovsdb/transact-select-interface-reply.json");
    private static final int MAX = 16 * 1024;

    /** A reply and two notifications as they follow each other on the socket. */
    private static byte[] referenceStream() {
        return ("{\"id\":7,\"result\":" + new String(REPLY, StandardCharsets.UTF_8).strip() + ",\"error\":null}\n"
                + "{\"id\":\"echo\",\"method\":\"echo\",\"params\":[]}"
                + "{\"id\":null,\"method\":\"update\",\"params\":[\"m\",{\"Interface\":{\"u1\":{\"new\":"
                + "{\"name\":\"vvport1\",\"statistics\":[\"map\",[[\"rx_bytes\",1]]]}}}}]}")
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
        byte[] next;
        while ((next = framer.next()) != null) {
            framed.add(new String(next, StandardCharsets.UTF_8));
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
    void interfaceRowDecoderTakesAnyRow(@ForAll("rows") JsonNode row) {
        throwsOnly(() -> checkInterfaces(List.of(InterfaceRowDecoder.decode(row, null))), OvsdbException.class);
        throwsOnly(() -> checkInterfaces(List.of(InterfaceRowDecoder.decode(row, "known-uuid"))),
                OvsdbException.class);
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
            byte[] message = new JsonMessageFramer(new ByteArrayInputStream(bomb), 1 << 20).next();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(message))
                    .isInstanceOf(JsonProcessingException.class);
        });
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

    // ---- what the connection does with the bytes, in one go

    private static void frameParseDecode(InputStream in) throws IOException {
        JsonMessageFramer framer = new JsonMessageFramer(in, MAX);
        byte[] message;
        int count = 0;
        while ((message = framer.next()) != null) {
            assertThat(message.length).isLessThanOrEqualTo(MAX + 64 * 1024);
            JsonNode tree = parse(message);
            JsonNode result = tree.get("result");
            if (result != null) {
                try {
                    checkInterfaces(SelectReplies.decode(result));
                } catch (OvsdbException e) {
                    // a fine answer to a bad reply
                }
            }
            assertThat(++count).isLessThan(100_000);
        }
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
