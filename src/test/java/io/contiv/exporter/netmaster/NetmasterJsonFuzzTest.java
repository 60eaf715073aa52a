package io.contiv.exporter.netmaster;

import static io.contiv.exporter.support.FuzzInputs.JSON;
import static io.contiv.exporter.support.FuzzInputs.throwsOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.contiv.exporter.support.FuzzInputs;
import io.contiv.exporter.support.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the netmaster JSON reader with arbitrary bytes, arbitrary JSON, and the reference bodies mutated byte by
 * byte and node by node: every read ends in a result or a NetmasterException, quickly.
 */
class NetmasterJsonFuzzTest {

    private static final List<String> BODIES = List.of("networks.json", "tenants.json", "endpointGroups.json",
            "inspect-networks-default-net0-0.json", "inspect-networks-tenant1-net1-0.json");

    private final NetmasterJson json = new NetmasterJson();

    @Property(tries = 300)
    void anyBytes(@ForAll @Size(max = 2000) byte[] body) {
        readAll(body);
    }

    @Property(tries = 300)
    void anyJson(@ForAll("trees") JsonNode tree) {
        readAll(FuzzInputs.text(tree).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 400)
    void referenceBodiesMutatedByteByByte(@ForAll("mutatedBodies") byte[] body) {
        readAll(body);
    }

    @Property(tries = 400)
    void referenceBodiesMutatedNodeByNode(@ForAll("mutatedTrees") JsonNode tree) {
        readAll(FuzzInputs.text(tree).getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void aNestingBombIsRefusedQuickly() {
        byte[] bomb = ("[".repeat(500_000) + "]".repeat(500_000)).getBytes(StandardCharsets.US_ASCII);
        throwsOnly(() -> assertThatThrownBy(() -> json.networks(bomb, "bomb"))
                .isInstanceOf(NetmasterException.class), NetmasterException.class);
        byte[] objects = ("{\"Config\":" + "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_001))
                .getBytes(StandardCharsets.US_ASCII);
        throwsOnly(() -> assertThatThrownBy(() -> json.inspect(objects, "bomb"))
                .isInstanceOf(NetmasterException.class), NetmasterException.class);
    }

    @Example
    void aFiftyMegabyteStringIsRefusedQuickly() {
        byte[] body = new byte[50 << 20];
        java.util.Arrays.fill(body, (byte) 'a');
        byte[] prefix = "[{\"tenantName\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        byte[] suffix = "\"}]".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(suffix, 0, body, body.length - suffix.length, suffix.length);
        throwsOnly(() -> assertThatThrownBy(() -> json.tenants(body, "big"))
                .isInstanceOf(NetmasterException.class).hasMessageContaining("big"), NetmasterException.class);
    }

    private void readAll(byte[] body) {
        throwsOnly(() -> assertThat(json.networks(body, "networks")).doesNotContainNull(), NetmasterException.class);
        throwsOnly(() -> assertThat(json.tenants(body, "tenants")).doesNotContainNull(), NetmasterException.class);
        throwsOnly(() -> assertThat(json.endpointGroups(body, "groups")).doesNotContainNull(),
                NetmasterException.class);
        throwsOnly(() -> assertThat(json.inspect(body, "inspect").config()).isNotNull(), NetmasterException.class);
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return FuzzInputs.json(4);
    }

    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        return Arbitraries.of(BODIES).flatMap(name -> FuzzInputs.mutatedBytes(body(name)));
    }

    @Provide
    Arbitrary<JsonNode> mutatedTrees() {
        return Arbitraries.of(BODIES).flatMap(name -> {
            try {
                return FuzzInputs.mutatedTrees(JSON.readTree(body(name)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] body(String name) {
        return Resources.bytes("reference/netmaster/" + name);
    }
}
