package io.contiv.exporter.etcd;

import static io.contiv.exporter.support.FuzzInputs.JSON;
import static io.contiv.exporter.support.FuzzInputs.throwsOnly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.support.FuzzInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fuzzing the endpoint state read from etcd: parse answers empty for what is not an endpoint, and never throws. */
class EndpointStateFuzzTest {

    private static final String ENDPOINT = """
            {"id":"net1.tenant1-ep1","netID":"net1.tenant1","endpointID":"ep1","serviceName":"web",
             "endpointGroupId":1,"endpointGroupKey":"web:tenant1","ipAddress":"10.1.0.2","ipv6Address":"",
             "macAddress":"02:02:0a:01:00:02","homingHost":"node1","intfName":"","vtepIP":"",
             "labels":{"app":"web"},"containerId":"c1","epCommonName":"web-1"}""";

    @Example
    void theSampleIsAnEndpoint() {
        assertThat(EndpointState.parse(ENDPOINT)).hasValueSatisfying(state -> {
            assertThat(state.endpointId()).isEqualTo("ep1");
            assertThat(state.network()).isEqualTo("net1");
            assertThat(state.tenant()).isEqualTo("tenant1");
        });
    }

    @Property(tries = 300)
    void anyString(@ForAll("strings") String value) {
        check(value);
    }

    @Property(tries = 300)
    void anyJson(@ForAll("trees") JsonNode tree) {
        check(FuzzInputs.text(tree));
    }

    @Property(tries = 400)
    void mutatedEndpointsByteByByte(@ForAll("mutatedBytes") byte[] value) {
        check(new String(value, StandardCharsets.UTF_8));
    }

    @Property(tries = 400)
    void mutatedEndpointsNodeByNode(@ForAll("mutatedTrees") JsonNode tree) {
        check(FuzzInputs.text(tree));
    }

    @Example
    void bombsAreRefusedQuickly() {
        check("[".repeat(500_000) + "]".repeat(500_000));
        check("{\"endpointID\":" + "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_001));
        check("{\"endpointID\":\"" + "a".repeat(50 << 20) + "\"}");
    }

    private static void check(String value) {
        throwsOnly(() -> {
            Optional<EndpointState> state = EndpointState.parse(value);
            assertThat(state).isNotNull();
            state.ifPresent(s -> {
                assertThat(s.endpointId()).isNotEmpty();
                assertThat(s.network()).isNotNull();
                assertThat(s.tenant()).isNotNull();
            });
        });
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,\\0123456789.eE-+ntrufalse ").ofMaxLength(200));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return FuzzInputs.json(4);
    }

    @Provide
    Arbitrary<byte[]> mutatedBytes() {
        return FuzzInputs.mutatedBytes(ENDPOINT.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<JsonNode> mutatedTrees() {
        try {
            return FuzzInputs.mutatedTrees(JSON.readTree(ENDPOINT));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
