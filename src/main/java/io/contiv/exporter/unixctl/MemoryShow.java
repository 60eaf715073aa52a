package io.contiv.exporter.unixctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code memory/show}: what ovs-vswitchd holds, by kind, e.g.
 * {@code handlers:1 idl-cells-Open_vSwitch:267 ports:4 revalidators:1 rules:15 udpif keys:5}. A kind may contain a
 * space ({@code udpif keys}); it is returned with underscores instead ({@code udpif_keys}).
 */
public final class MemoryShow {

    private static final Pattern ITEM = Pattern.compile("([A-Za-z][A-Za-z0-9_. -]*?):(\\d+)(?=\\s|$)");

    private MemoryShow() {
    }

    public static Map<String, Long> parse(String text) throws UnixctlException {
        Map<String, Long> items = new LinkedHashMap<>();
        Matcher item = ITEM.matcher(text);
        while (item.find()) {
            try {
                items.put(item.group(1).strip().replace(' ', '_'), Long.parseLong(item.group(2)));
            } catch (NumberFormatException e) {
                throw new UnixctlException("memory/show: count out of range: " + item.group());
            }
        }
        if (items.isEmpty() && !text.isBlank()) {
            throw new UnixctlException("memory/show: no counts in: " + CoverageShow.abbreviate(text));
        }
        return items;
    }
}
