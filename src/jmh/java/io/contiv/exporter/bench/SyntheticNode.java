package io.contiv.exporter.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.contiv.exporter.endpoint.EndpointDirectory;
import io.contiv.exporter.endpoint.EndpointMetadata;
import io.contiv.exporter.ovsdb.InterfaceTable;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbConnection;
import io.contiv.exporter.ovsdb.TableUpdatesReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node's worth of benchmark input, built without a switch or a netmaster: the OVSDB wire bytes for N endpoint
 * interfaces (nine statistics each, every state column filled as a running ovs-vswitchd leaves it) and netmaster's
 * metadata for the same endpoint IDs, so that every interface joins.
 */
public final class SyntheticNode {

    /** The statistics OVS 3.1 keeps for a netplugin endpoint port (as in the reference sample). */
    static final List<String> STATISTICS = List.of(
            "collisions", "rx_bytes", "rx_dropped", "rx_errors", "rx_packets",
            "tx_bytes", "tx_dropped", "tx_errors", "tx_packets");

    private static final int NETWORKS = 4;
    private static final int GROUPS_PER_NETWORK = 3;

    private final int size;

    public SyntheticNode(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /**
     * The reply to {@code monitor_cond} for the columns the exporter asks: every row "initial", columns at their
     * default left out, as ovsdb-server 3.1 sends it.
     */
    public byte[] monitorCondReply() {
        StringBuilder json = new StringBuilder(size * 700);
        json.append("{\"id\":1,\"result\":{\"Interface\":{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(uuid(i)).append("\":{\"initial\":{");
            appendColumns(json, i);
            json.append("}}");
        }
        json.append("}},\"error\":null}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The {@code update2} notification of a statistics refresh: every interface's nine counters changed, nothing
     * else. {@code round} makes the values differ from round to round (applying the same difference twice would
     * remove the keys).
     */
    public byte[] statisticsRefresh(int round) {
        StringBuilder json = new StringBuilder(size * 300);
        json.append("{\"id\":null,\"method\":\"update2\",\"params\":[\"contiv-exporter-interfaces\",{\"Interface\":{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(uuid(i)).append("\":{\"modify\":{\"statistics\":[\"map\",[");
            appendStatistics(json, i, round);
            json.append("]]}}");
        }
        json.append("}}]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The rows as the monitor holds them after reading {@link #monitorCondReply}. */
    public List<OvsInterface> interfaces() {
        return rowsAfterRefreshes().get(0);
    }

    /**
     * The rows as the monitor holds them after the initial reply, then after each of {@code rounds} statistics
     * refreshes: as in the exporter, each refresh makes new rows sharing names and external IDs with the old.
     */
    public List<List<OvsInterface>> rowsAfterRefreshes(int... rounds) {
        InterfaceTable table = new InterfaceTable();
        List<List<OvsInterface>> versions = new ArrayList<>();
        apply(monitorCondReply(), "result", table);
        versions.add(table.rows());
        for (int round : rounds) {
            apply(statisticsRefresh(round), "params", table);
            versions.add(table.rows());
        }
        return versions;
    }

    private static void apply(byte[] message, String member, InterfaceTable table) {
        try (JsonParser parser = OvsdbConnection.newMapper().getFactory().createParser(message)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals(member)) {
                    parser.skipChildren();
                    continue;
                }
                if (parser.currentToken() == JsonToken.START_ARRAY) {
                    // notification parameters: [monitor id, table updates]
                    parser.nextToken();
                    parser.nextToken();
                }
                new TableUpdatesReader().apply(parser, TableUpdatesReader.Notation.UPDATE2, table);
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EndpointDirectory directory() {
        List<EndpointMetadata> endpoints = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int network = i % NETWORKS;
            int group = i % (GROUPS_PER_NETWORK + 1);
            endpoints.add(new EndpointMetadata(
                    endpointId(i),
                    network % 2 == 0 ? "default" : "tenant1",
                    "net" + network,
                    group < GROUPS_PER_NETWORK ? "epg" + network + "-" + group : "",
                    "pod-" + network + "-" + i,
                    containerId(i),
                    "node1",
                    List.of("10." + network + "." + (i / 250) + "." + (i % 250 + 2)),
                    String.format(Locale.ROOT, "02:02:0a:%02x:%02x:%02x", network, (i / 250) & 0xff, i % 250 + 2)));
        }
        return EndpointDirectory.of(endpoints);
    }

    private void appendColumns(StringBuilder json, int i) {
        json.append("\"name\":\"vvport").append(i + 1).append("\",");
        json.append("\"external_ids\":[\"map\",[[\"endpoint-id\",\"").append(endpointId(i)).append("\"]]],");
        json.append("\"statistics\":[\"map\",[");
        appendStatistics(json, i, 0);
        json.append("]],");
        json.append("\"admin_state\":\"up\",\"link_state\":\"up\",\"mtu\":1450,\"link_resets\":0,");
        json.append("\"ofport\":").append(i + 2).append(",\"type\":\"\"");
    }

    private static void appendStatistics(StringBuilder json, int i, int round) {
        for (int s = 0; s < STATISTICS.size(); s++) {
            if (s > 0) {
                json.append(',');
            }
            // counters of a busy port: large, distinct values (the decoder must not be able to share them)
            json.append("[\"").append(STATISTICS.get(s)).append("\",")
                    .append(1_000_000_007L * (i + 1) + s * 7919L + round * 1_000_003L).append(']');
        }
    }

    static String endpointId(int i) {
        return hex(0x5eedL * 31 + i, 16) + hex(i * 0x9E3779B97F4A7C15L, 16) + hex(~i * 0xC2B2AE3D27D4EB4FL, 16)
                + hex(i, 16);
    }

    private static String containerId(int i) {
        return hex(i * 0xD6E8FEB86659FD93L, 16) + hex(i + 0x1234L, 16) + hex(~i, 16) + hex(i * 31L, 16);
    }

    private static String uuid(int i) {
        String h = hex(i * 0x9E3779B97F4A7C15L, 16) + hex(i, 16);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20, 32);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return text.length() >= digits ? text.substring(text.length() - digits) : "0".repeat(digits - text.length()) + text;
    }
}
