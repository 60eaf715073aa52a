package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.testing.SelectReplies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonMessageFramerTest {

    private static JsonMessageFramer framer(String stream, int max) {
        return new JsonMessageFramer(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void splitsBackToBackMessagesIncludingBracesInsideStrings() throws Exception {
        JsonMessageFramer framer = framer("{\"id\":1,\"result\":[\"}{\\\"\"]}\n{\"id\":2,\"result\":{}} ", 1024);

        assertThat(framer.next().toString()).isEqualTo("{\"id\":1,\"result\":[\"}{\\\"\"]}");
        assertThat(framer.next().toString()).isEqualTo("{\"id\":2,\"result\":{}}");
        assertThat(framer.next()).isNull();
    }

    @Test
    void reportsATruncatedMessage() {
        JsonMessageFramer framer = framer("{\"id\":1,\"result\":[{\"rows\":[", 1024);

        assertThatThrownBy(framer::next).isInstanceOf(OvsdbException.class).hasMessageContaining("middle of a message");
    }

    @Test
    void refusesAMessageLargerThanTheLimit() {
        JsonMessageFramer framer = framer("{\"id\":1,\"result\":\"" + "x".repeat(200_000) + "\"}", 100_000);

        assertThatThrownBy(framer::next).isInstanceOf(OvsdbException.class).hasMessageContaining("larger than");
    }

    @Test
    void refusesSomethingThatIsNotAnObject() {
        assertThatThrownBy(framer("HTTP/1.1 400 Bad Request\r\n", 1024)::next)
                .isInstanceOf(OvsdbException.class).hasMessageContaining("expected a JSON object");
    }

    @Test
    void aMessageThatEndsInTheReadThatOverrunsTheLimitIsRefusedToo() {
        // one read (64 KiB) holds the whole 1,500-byte message: the limit of 1,000 must still hold
        JsonMessageFramer framer = framer("{\"id\":1,\"result\":\"" + "x".repeat(1500) + "\"}", 1000);

        assertThatThrownBy(framer::next).isInstanceOf(OvsdbException.class).hasMessageContaining("larger than 1000");
    }

    @Test
    void aMessageOfExactlyTheLimitPasses() throws Exception {
        String message = "{\"id\":1,\"result\":\"" + "x".repeat(1000 - 20) + "\"}";
        assertThat(message).hasSize(1000);

        assertThat(framer(message, 1000).next().length()).isEqualTo(1000);
    }

    @Test
    void theDefaultLimitStopsAFiftyMegabyteMessageEarly() {
        // what made a 128 MiB heap (half the container's limit) exit on OutOfMemoryError at 64 MiB
        long[] served = new long[1];
        byte[] prefix = "{\"id\":1,\"result\":\"".getBytes(StandardCharsets.US_ASCII);
        java.io.InputStream fifty = new java.io.InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (served[0] >= 50L << 20) {
                    return -1;
                }
                for (int i = 0; i < length; i++, served[0]++) {
                    buffer[offset + i] = served[0] < prefix.length ? prefix[(int) served[0]] : (byte) 'x';
                }
                return length;
            }
        };

        assertThatThrownBy(new JsonMessageFramer(fifty, OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES)::next)
                .isInstanceOf(OvsdbException.class).hasMessageContaining("larger than");
        assertThat(OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES).isLessThanOrEqualTo(16 << 20);
        assertThat(served[0]).isLessThanOrEqualTo(OvsdbConnection.DEFAULT_MAX_MESSAGE_BYTES + 64 * 1024);
    }

    @Test
    void theParserRefusesHugeStringsAndDeepNestingButReadsRealReplies() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = OvsdbConnection.newMapper();

        assertThatThrownBy(() -> mapper.readTree("{\"id\":1,\"result\":\"" + "x".repeat(2 << 20) + "\"}"))
                .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
        assertThatThrownBy(() -> mapper.readTree("{\"result\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class);
        assertThat(SelectReplies.decode(mapper.readTree(io.contiv.exporter.support.Resources.bytes(
                "reference/ovsdb/transact-select-interface-reply.json")))).hasSize(4);
    }
}
