package io.contiv.exporter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often ovsdb-server itself stalled during a run: its "Unreasonably long N ms poll interval" warnings. While it
 * stalls it sends nothing, neither updates nor keep-alive replies; on a busy machine this is what delays or drops
 * the exporter's monitor, not the exporter.
 */
record OvsdbStalls(int count, long maxMillis) {

    static final OvsdbStalls NONE = new OvsdbStalls(0, 0);

    private static final Pattern STALL = Pattern.compile("Unreasonably long (\\d+)ms poll interval");

    /** The stalls logged after the first {@code fromByte} bytes of the log. */
    static OvsdbStalls read(Path log, long fromByte) throws IOException {
        if (!Files.isRegularFile(log)) {
            return NONE;
        }
        byte[] bytes = Files.readAllBytes(log);
        int start = (int) Math.min(fromByte, bytes.length);
        String text = new String(bytes, start, bytes.length - start, java.nio.charset.StandardCharsets.UTF_8);
        int count = 0;
        long max = 0;
        for (String line : text.split("\n")) {
            Matcher stall = STALL.matcher(line);
            if (stall.find()) {
                count++;
                max = Math.max(max, Long.parseLong(stall.group(1)));
            }
        }
        return new OvsdbStalls(count, max);
    }
}
