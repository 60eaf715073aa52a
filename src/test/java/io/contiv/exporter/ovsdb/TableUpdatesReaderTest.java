package io.contiv.exporter.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The table updates as ovsdb-server 3.1 sends them (shapes captured from a real server): a monitor_cond reply's
 * "initial" rows without their default columns, "modify" with only what changed (maps as differences, other
 * columns as their new value), "insert" and "delete"; and RFC 7047's "new"/"old".
 */
class TableUpdatesReaderTest {

    private static final String INITIAL = """
            {"Interface":{
              "u0":{"initial":{"name":"br0"}},
              "u1":{"initial":{"admin_state":"up","external_ids":["map",[["endpoint-id","ep1"]]],"mtu":1450,
                    "name":"p1","statistics":["map",[["rx_bytes",5],["tx_bytes",7]]]}}}}
            """;

    private final InterfaceTable table = new InterfaceTable();
    private final TableUpdatesReader reader = new TableUpdatesReader();

    @Test
    void initialRowsLeaveOutTheirDefaults() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);

        assertThat(table.get("u0").name()).isEqualTo("br0");
        assertThat(table.get("u0").statistics()).isEmpty();
        assertThat(table.get("u0").state()).isEqualTo(InterfaceState.UNKNOWN);
        OvsInterface p1 = table.get("u1");
        assertThat(p1.uuid()).isEqualTo("u1");
        assertThat(p1.endpointId()).contains("ep1");
        assertThat(p1.statistics()).containsExactly(Map.entry("rx_bytes", 5L), Map.entry("tx_bytes", 7L));
        assertThat(p1.state().adminState()).contains("up");
        assertThat(p1.state().mtu()).contains(1450L);
        assertThat(p1.state().linkState()).isEmpty();
    }

    @Test
    void aModifyChangesOnlyWhatItNamesAndSharesTheRest() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);
        OvsInterface before = table.get("u1");
        OvsInterface untouched = table.get("u0");

        apply("""
                {"Interface":{"u1":{"modify":{"statistics":["map",[["rx_bytes",9],["tx_bytes",8]]]}}}}
                """, TableUpdatesReader.Notation.UPDATE2);

        OvsInterface after = table.get("u1");
        assertThat(after.statistics()).containsExactly(Map.entry("rx_bytes", 9L), Map.entry("tx_bytes", 8L));
        assertThat(after.name()).isSameAs(before.name());
        assertThat(after.externalIds()).isSameAs(before.externalIds());
        assertThat(after.state()).isSameAs(before.state());
        assertThat(after.statistics().sameKeys(before.statistics())).isTrue();
        assertThat(table.get("u0")).isSameAs(untouched);
    }

    @Test
    void aMapDifferenceAddsNewKeysRemovesKeysGivenWithTheirValueAndReplacesTheOthers() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);

        // collisions is new, rx_bytes changes, tx_bytes comes with the value it has: it was removed
        apply("""
                {"Interface":{"u1":{"modify":{"statistics":["map",[["collisions",1],["rx_bytes",9],["tx_bytes",7]]],
                  "external_ids":["map",[["endpoint-id","ep1"],["attached-mac","02:00:00:00:00:01"]]]}}}}
                """, TableUpdatesReader.Notation.UPDATE2);

        OvsInterface p1 = table.get("u1");
        assertThat(p1.statistics()).containsExactly(Map.entry("collisions", 1L), Map.entry("rx_bytes", 9L));
        assertThat(p1.externalIds()).containsExactly(Map.entry("attached-mac", "02:00:00:00:00:01"));
        assertThat(p1.endpointId()).isEmpty();
    }

    @Test
    void columnsOfAtMostOneValueComeAsTheirNewValue() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);

        apply("""
                {"Interface":{"u1":{"modify":{"admin_state":"down","link_state":"up","mtu":["set",[]],
                  "ofport":["set",[3]],"link_resets":2}}}}
                """, TableUpdatesReader.Notation.UPDATE2);

        InterfaceState state = table.get("u1").state();
        assertThat(state.adminState()).contains("down");
        assertThat(state.linkState()).contains("up");
        assertThat(state.mtu()).isEmpty();
        assertThat(state.ofport()).contains(3L);
        assertThat(state.linkResets()).contains(2L);
    }

    @Test
    void insertsAndDeletesAddAndRemoveRows() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);

        apply("""
                {"Interface":{"u2":{"insert":{"name":"p2"}},"u0":{"delete":null}}}
                """, TableUpdatesReader.Notation.UPDATE2);

        assertThat(table.rows()).extracting(OvsInterface::name).containsExactly("p1", "p2");
    }

    @Test
    void aBadRowIsReportedAndKeptAsItWasWhileTheOthersApply() throws Exception {
        apply(INITIAL, TableUpdatesReader.Notation.UPDATE2);
        OvsInterface before = table.get("u1");

        TableUpdatesReader.Failures failures = apply("""
                {"Interface":{"u1":{"modify":{"statistics":["map",[["rx_bytes","many"]]]}},
                  "u9":{"modify":{"name":"never-inserted"}},
                  "u0":{"modify":{"statistics":["map",[["rx_bytes",1]]]}}}}
                """, TableUpdatesReader.Notation.UPDATE2);

        assertThat(failures.any()).isTrue();
        assertThat(failures.summary()).hasMessageContaining("2 Interface rows could not be read")
                .hasMessageContaining("column 'statistics'").hasMessageContaining("\"many\" is not an integer");
        assertThat(table.get("u1")).isSameAs(before);
        assertThat(table.get("u9")).isNull();
        assertThat(table.get("u0").statistics()).containsExactly(Map.entry("rx_bytes", 1L));
    }

    @Test
    void rfc7047UpdatesReplaceTheWholeRowAndShareWhatDidNotChange() throws Exception {
        apply("""
                {"Interface":{"u1":{"new":{"name":"p1","external_ids":["map",[["endpoint-id","ep1"]]],
                  "statistics":["map",[["rx_bytes",1]]],"admin_state":["set",[]],"link_state":"up",
                  "mtu":["set",[]],"link_resets":["set",[]],"ofport":5}}}}
                """, TableUpdatesReader.Notation.UPDATE);
        OvsInterface before = table.get("u1");

        apply("""
                {"Interface":{"u1":{"old":{"statistics":["map",[["rx_bytes",1]]]},"new":{"name":"p1",
                  "external_ids":["map",[["endpoint-id","ep1"]]],"statistics":["map",[["rx_bytes",2]]],
                  "admin_state":["set",[]],"link_state":"up","mtu":["set",[]],"link_resets":["set",[]],"ofport":5}},
                  "u2":{"new":{"name":"p2"}}}}
                """, TableUpdatesReader.Notation.UPDATE);

        OvsInterface after = table.get("u1");
        assertThat(after.statistics()).containsExactly(Map.entry("rx_bytes", 2L));
        assertThat(after.externalIds()).isSameAs(before.externalIds());
        assertThat(after.state()).isSameAs(before.state()).extracting(InterfaceState::ofport)
                .isEqualTo(Optional.of(5L));
        assertThat(table.get("u2").name()).isEqualTo("p2");

        apply("""
                {"Interface":{"u1":{"old":{"name":"p1"}}}}
                """, TableUpdatesReader.Notation.UPDATE);
        assertThat(table.rows()).extracting(OvsInterface::name).containsExactly("p2");
    }

    private TableUpdatesReader.Failures apply(String json, TableUpdatesReader.Notation notation) throws Exception {
        try (JsonParser parser = OvsdbConnection.newMapper().getFactory()
                .createParser(json.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            return reader.apply(parser, notation, table);
        }
    }
}
