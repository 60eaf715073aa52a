package io.contiv.exporter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The structural comparison must see what the reference tests rely on it to see. */
class JsonShapeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void findsFieldsMissingReorderedOrOfAnotherType() throws Exception {
        assertThat(diff("{\"a\":1,\"b\":{\"c\":\"x\"}}", "{\"a\":2,\"b\":{\"c\":\"y\"}}")).isEmpty();
        assertThat(diff("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}")).hasSize(1);
        assertThat(diff("{\"a\":{\"b\":1}}", "{\"a\":{}}")).containsExactly("$.a: fields [b] expected, were []");
        assertThat(diff("{\"a\":[1,\"x\"]}", "{\"a\":[1,2]}")).containsExactly("$.a[1]: STRING expected, was NUMBER");
        assertThat(diff("[1,2]", "[1]")).hasSize(1);
    }

    private static java.util.List<String> diff(String expected, String actual) throws Exception {
        return JsonShape.differences(MAPPER.readTree(expected), MAPPER.readTree(actual));
    }
}
