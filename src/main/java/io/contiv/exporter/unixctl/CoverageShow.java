package io.contiv.exporter.unixctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the totals of {@code coverage/show}, one line per event that happened at least once since ovs-vswitchd
 * started:
 * <pre>
 * Event coverage, avg rate over last: 5 seconds, last minute, last hour,  hash=fa8b4ac0:
 * upcall_flow_limit_hit      0.0/sec     0.000/sec        0.0000/sec   total: 2
 * 118 events never hit
 * </pre>
 * ovs-vswitchd folds each thread's counts into these totals about once a second, so they trail the events a little.
 */
public final class CoverageShow {

    private static final Pattern EVENT = Pattern.compile("^([A-Za-z0-9_]+)\\s+.*\\btotal:\\s*(\\d+)\\s*$");

    private CoverageShow() {
    }

    /** Each event's total since ovs-vswitchd started; events never hit are absent. */
    public static Map<String, Long> parse(String text) throws UnixctlException {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher event = EVENT.matcher(line.strip());
            if (!event.matches()) {
                continue;
            }
            try {
                totals.put(event.group(1), Long.parseLong(event.group(2)));
            } catch (NumberFormatException e) {
                throw new UnixctlException("coverage/show: total out of range in: " + line.strip());
            }
        }
        if (totals.isEmpty() && !text.contains("Event coverage")) {
            throw new UnixctlException("coverage/show: not a coverage report: " + abbreviate(text));
        }
        return totals;
    }

    static String abbreviate(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
