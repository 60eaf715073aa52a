package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contiv.exporter.support.Resources;
import io.contiv.exporter.testing.SelectReplies;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterfaceRowReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void decodesTheReferenceSelectReplyOfARealOvsdbServer() throws Exception {
        JsonNode result = mapper.readTree(Resources.bytes("reference/ovsdb/transact-select-interface-reply.json"));

        List<OvsInterface> interfaces = SelectReplies.decode(result);

        assertThat(interfaces).extracting(OvsInterface::name)
                .containsExactly("vvport-orphan", "vvport4", "vvport6", "vvport2");
        OvsInterface vvport4 = interfaces.get(1);
        assertThat(vvport4.endpointId())
                .contains("89463e85759cde66bacfb3d00b1f9163ce9ff57f43b7a3a69a8dca03580d7b71");
        assertThat(vvport4.statistics()).hasSize(9)
                .containsEntry("rx_bytes", 674996843L)
                .containsEntry("tx_packets", 619927151L)
                .containsEntry("collisions", 74684276L);
        assertThat(interfaces.get(0).statistics()).containsOnly(Map.entry("rx_bytes", 5L), Map.entry("tx_bytes", 6L));
    }

    @Test
    void decodesStateColumnsAndEmptySets() throws Exception {
        JsonNode row = mapper.readTree("""
                {"_uuid":["uuid","07ed7dc6-14ba-499c-ab2f-1fe6b2adb017"],"name":"vvport1",
                 "external_ids":["map",[]],"statistics":["map",[]],
                 "admin_state":"up","link_state":["set",[]],"mtu":1450,"link_resets":["set",[3]],
                 "ofport":["set",[]],"type":"internal"}
                """);

        OvsInterface decoded = SelectReplies.decodeRows(mapper.createArrayNode().add(row)).get(0);

        assertThat(decoded.uuid()).isEqualTo("07ed7dc6-14ba-499c-ab2f-1fe6b2adb017");
        assertThat(decoded.endpointId()).isEmpty();
        assertThat(decoded.state().adminState()).contains("up");
        assertThat(decoded.state().linkState()).isEmpty();
        assertThat(decoded.state().mtu()).contains(1450L);
        assertThat(decoded.state().linkResets()).contains(3L);
        assertThat(decoded.state().ofport()).isEqualTo(Optional.empty());
    }

    @Test
    void rejectsMalformedEncodingsWithAProtocolError() throws Exception {
        assertThatThrownBy(() -> row("{\"name\":\"x\",\"statistics\":[\"map\",[[\"rx_bytes\",\"many\"]]]}"))
                .isInstanceOf(OvsdbException.class).hasMessageContaining("statistics");
        assertThatThrownBy(() -> row("{\"name\":\"x\",\"external_ids\":[\"set\",[]]}"))
                .isInstanceOf(OvsdbException.class).hasMessageContaining("external_ids");
        assertThatThrownBy(() -> row("{\"external_ids\":[\"map\",[]]}"))
                .isInstanceOf(OvsdbException.class).hasMessageContaining("no name");
        assertThatThrownBy(() -> SelectReplies.decode(mapper.readTree(
                "[{\"error\":\"unknown column\",\"details\":\"no column link_resets\"}]")))
                .isInstanceOf(OvsdbException.class).hasMessageContaining("unknown column")
                .hasMessageContaining("link_resets");
    }

    private OvsInterface row(String json) throws Exception {
        return SelectReplies.decodeRows(mapper.createArrayNode().add(mapper.readTree(json))).get(0);
    }
}
