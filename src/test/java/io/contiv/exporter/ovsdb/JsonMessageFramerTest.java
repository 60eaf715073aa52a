package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        assertThat(new String(framer.next(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1,\"result\":[\"}{\\\"\"]}");
        assertThat(new String(framer.next(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":2,\"result\":{}}");
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
}
