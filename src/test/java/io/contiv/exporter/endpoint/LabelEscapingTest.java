package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.ovsdb.InterfaceState;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.support.ExpositionText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelEscapingTest {

    private static final String ODD_NAME = "web \"frontend\"\\\nñ-服务";

    private final EndpointDirectory directory = EndpointDirectory.of(List.of(new EndpointMetadata(
            "ep1", "t", "n", "g", ODD_NAME, "c1", "h", List.of("10.0.0.1"), "02:00:00:00:00:01")));
    private final List<OvsInterface> interfaces = List.of(new OvsInterface("u1", "vvport1",
            Map.of("endpoint-id", "ep1"), Map.of("rx_bytes", 10L), InterfaceState.UNKNOWN));

    @Test
    void quotesBackslashesAndNewlinesAreEscapedInBothSchemes() {
        String escaped = "container=\"web \\\"frontend\\\"\\\\\\nñ-服务\"";
        String legacyEscaped = "containerName=\"web \\\"frontend\\\"\\\\\\nñ-服务\"";

        String text = ExpositionText.text(new EndpointMetrics().snapshots(EndpointJoin.join(directory, interfaces, "")));
        String legacy = ExpositionText.text(new LegacyEndpointMetrics().snapshots(EndpointJoin.join(directory, interfaces, "")));

        assertThat(text).contains(escaped);
        assertThat(legacy).contains(legacyEscaped);
        // no sample line is broken in two by the newline in the name
        assertThat(text.lines().filter(l -> !l.startsWith("#"))).allMatch(l -> l.startsWith("contiv_endpoint_"));
    }
}
