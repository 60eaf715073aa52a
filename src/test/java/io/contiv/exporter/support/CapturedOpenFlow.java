package io.contiv.exporter.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real ovs-vswitchd sent, captured by scripts/capture-openflow-replies.py from the pipeline in
 * src/test/resources/openflow (see the README there), and what ovs-ofctl printed for the same table.
 */
public final class CapturedOpenFlow {

    /** The HELLO and the two-part flow-stats reply for table 5. */
    public static final String TABLE5_REPLIES = "openflow/table5-flow-stats.hex";
    public static final String TABLE5_DUMP = "openflow/table5-dump-flows.txt";

    private static final Pattern DUMP_LINE = Pattern.compile(
            "cookie=(0x[0-9a-f]+), duration=[0-9.]+s, table=(\\d+), n_packets=(\\d+), n_bytes=(\\d+), "
                    + "priority=(\\d+)(,\\S+)? actions=(\\S+)");

    /** One flow as ovs-ofctl printed it; {@code match} is its text, e.g. "icmp,metadata=0xa0028/0x7ffffffe". */
    public record DumpedFlow(long cookie, int table, long packets, long bytes, int priority, String match,
                             String actions) {
    }

    private CapturedOpenFlow() {
    }

    /** The captured messages in the order the switch sent them, each exactly as on the wire. */
    public static List<byte[]> messages(String resource) {
        List<byte[]> messages = new ArrayList<>();
        for (String line : new String(Resources.bytes(resource), StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                messages.add(HexFormat.of().parseHex(line.trim()));
            }
        }
        return messages;
    }

    public static List<DumpedFlow> dumpedFlows() {
        List<DumpedFlow> flows = new ArrayList<>();
        for (String line : new String(Resources.bytes(TABLE5_DUMP), StandardCharsets.US_ASCII).split("\n")) {
            Matcher m = DUMP_LINE.matcher(line.trim());
            if (m.matches()) {
                flows.add(new DumpedFlow(Long.decode(m.group(1)), Integer.parseInt(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? "" : m.group(6).substring(1), m.group(7)));
            }
        }
        return flows;
    }
}
