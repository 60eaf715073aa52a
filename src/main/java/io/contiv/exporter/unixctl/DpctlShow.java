package io.contiv.exporter.unixctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the text of {@code dpctl/show}:
 * <pre>
 * netdev@ovs-netdev:
 *   lookups: hit:26 missed:13 lost:0
 *   flows: 13
 *   masks: hit:120 total:2 hit/pkt:1.50     (kernel datapath only)
 *   port 0: ovs-netdev (tap)
 * </pre>
 * Lines it does not know (ports, caches, those of later versions) are skipped; a datapath without its lookups or
 * flows line, or a number that is not one, is an error.
 */
public final class DpctlShow {

    private DpctlShow() {
    }

    public static List<DatapathStatus> parse(String text) throws UnixctlException {
        List<DatapathStatus> datapaths = new ArrayList<>();
        String name = null;
        Map<String, Long> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (name != null) {
                    datapaths.add(datapath(name, fields));
                }
                name = line.strip();
                if (name.endsWith(":")) {
                    name = name.substring(0, name.length() - 1);
                }
                fields = new HashMap<>();
                continue;
            }
            if (name == null) {
                throw new UnixctlException("dpctl/show: indented line before any datapath: " + line.strip());
            }
            String stripped = line.strip();
            int colon = stripped.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String heading = stripped.substring(0, colon);
            String rest = stripped.substring(colon + 1).strip();
            switch (heading) {
                case "lookups" -> pairs(rest, "lookups.", fields, line);
                case "masks" -> pairs(rest, "masks.", fields, line);
                case "flows" -> fields.put("flows", number(rest, line));
                default -> {
                    // ports, caches and whatever later versions print
                }
            }
        }
        if (name != null) {
            datapaths.add(datapath(name, fields));
        }
        return datapaths;
    }

    /** {@code hit:26 missed:13 lost:0}; values that are not integers (hit/pkt:1.50) are not kept. */
    private static void pairs(String text, String prefix, Map<String, Long> fields, String line)
            throws UnixctlException {
        for (String pair : text.split("\\s+")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new UnixctlException("dpctl/show: cannot read '" + pair + "' in: " + line.strip());
            }
            String value = pair.substring(colon + 1);
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                fields.put(prefix + pair.substring(0, colon), number(value, line));
            }
        }
    }

    private static long number(String text, String line) throws UnixctlException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnixctlException("dpctl/show: '" + text + "' is not a number in: " + line.strip());
        }
    }

    private static DatapathStatus datapath(String name, Map<String, Long> fields) throws UnixctlException {
        for (String required : List.of("lookups.hit", "lookups.missed", "lookups.lost", "flows")) {
            if (!fields.containsKey(required)) {
                throw new UnixctlException("dpctl/show: datapath " + name + " has no " + required.replace('.', ' '));
            }
        }
        return new DatapathStatus(name, fields.get("lookups.hit"), fields.get("lookups.missed"),
                fields.get("lookups.lost"), fields.get("flows"), optional(fields.get("masks.hit")),
                optional(fields.get("masks.total")));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
