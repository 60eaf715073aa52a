package io.contiv.exporter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics table of the README (section "Metrics"), read as a user reads it, so that tests can hold it to what
 * an exporter really serves: every family served is a row with its type and labels, and every row of a collector
 * that ran is served. A row's name may hold alternatives ({@code contiv_tunnel_{transmit,receive}_bytes_total})
 * and one placeholder ({@code <key>}: any OVS statistic without a row of its own); its labels may hold the
 * shorthand {@code *endpoint*}, the six labels of every per-endpoint series.
 */
public final class DocumentedMetrics {

    private static final Path README = Path.of("README.md");
    private static final List<String> ENDPOINT_LABELS =
            List.of("tenant", "network", "endpoint_group", "container", "host", "interface");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) \\| ([^|]*)\\| (`\\w+`|always) \\|");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([^{}]+)}");
    private static final Pattern TYPE_LINE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");

    /** One family as documented. */
    public record Row(String name, String type, Set<String> labels, String collector) {

        boolean isPlaceholder() {
            return name.contains("<");
        }

        boolean matches(String family) {
            return isPlaceholder()
                    ? family.matches(Pattern.quote(name).replace("<key>", "\\E[a-z0-9_]+\\Q"))
                    : family.equals(name);
        }
    }

    private final List<Row> rows;

    private DocumentedMetrics(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The table of the README in the working directory (the project's root when Maven runs the tests). */
    public static DocumentedMetrics readme() {
        try {
            return parse(Files.readString(README, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocumentedMetrics parse(String markdown) {
        int start = markdown.indexOf("\n## Metrics\n");
        assertThat(start).as("the README has a Metrics section").isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        List<Row> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            Set<String> labels = labels(row.group(3));
            String collector = row.group(4).replace("`", "");
            for (String name : expand(row.group(1))) {
                rows.add(new Row(name, row.group(2), labels, collector));
            }
        }
        assertThat(rows).as("rows of the README's metrics table").isNotEmpty();
        return new DocumentedMetrics(rows);
    }

    /**
     * Asserts that every family of the exposition (text format 0.0.4) is documented with the type it is served as
     * and the labels of its series.
     */
    public void assertDocuments(String exposition) {
        Map<String, String> types = types(exposition);
        Map<String, Set<Set<String>>> labelSets = labelSets(exposition);
        assertThat(types).as("families served").isNotEmpty();
        for (Map.Entry<String, String> family : types.entrySet()) {
            Optional<Row> row = rowOf(family.getKey());
            assertThat(row).as("README's metrics table documents %s", family.getKey()).isPresent();
            assertThat(family.getValue()).as("type of %s", family.getKey()).isEqualTo(row.get().type());
            for (Set<String> served : labelSets.getOrDefault(family.getKey(), Set.of())) {
                assertThat(served).as("labels of %s", family.getKey())
                        .containsExactlyInAnyOrderElementsOf(row.get().labels());
            }
        }
    }

    /**
     * Asserts that every documented family of the given collectors is in the exposition, but for those named in
     * {@code notHere} (families that need what this exposition's setup lacks); a placeholder row needs one family.
     */
    public void assertServesEveryRowOf(String exposition, Set<String> collectors, Set<String> notHere) {
        Set<String> served = types(exposition).keySet();
        List<String> missing = new ArrayList<>();
        for (Row row : rows) {
            if (!collectors.contains(row.collector()) || notHere.contains(row.name())) {
                continue;
            }
            boolean found = row.isPlaceholder()
                    ? served.stream().anyMatch(family -> row.matches(family) && rowOf(family).orElse(row) == row)
                    : served.contains(row.name());
            if (!found) {
                missing.add(row.name());
            }
        }
        assertThat(missing).as("documented families of %s not served", collectors).isEmpty();
        assertThat(notHere).as("families excused that the README does not list")
                .allMatch(name -> rows.stream().anyMatch(row -> row.name().equals(name)));
    }

    private Optional<Row> rowOf(String family) {
        Optional<Row> exact = rows.stream().filter(row -> !row.isPlaceholder() && row.matches(family)).findFirst();
        return exact.isPresent() ? exact : rows.stream().filter(row -> row.matches(family)).findFirst();
    }

    private static Set<String> labels(String cell) {
        Set<String> labels = new TreeSet<>();
        for (String label : cell.trim().split(",")) {
            String name = label.trim();
            if (name.equals("*endpoint*")) {
                labels.addAll(ENDPOINT_LABELS);
            } else if (!name.isEmpty()) {
                labels.add(name);
            }
        }
        return labels;
    }

    public static List<String> expand(String name) {
        Matcher alternatives = ALTERNATIVES.matcher(name);
        if (!alternatives.find()) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (String alternative : alternatives.group(1).split(",")) {
            names.addAll(expand(name.substring(0, alternatives.start()) + alternative.trim()
                    + name.substring(alternatives.end())));
        }
        return names;
    }

    private static Map<String, String> types(String exposition) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher type = TYPE_LINE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), type.group(2));
            }
        }
        return types;
    }

    /** The label names of each series, by family, read as the text format escapes values. */
    private static Map<String, Set<Set<String>>> labelSets(String exposition) {
        Map<String, Set<Set<String>>> sets = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String family = line.substring(0, labelled ? brace : space);
            sets.computeIfAbsent(family, f -> new LinkedHashSet<>())
                    .add(labelled ? labelNames(line, brace + 1) : Set.of());
        }
        return sets;
    }

    private static Set<String> labelNames(String line, int from) {
        Set<String> names = new TreeSet<>();
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            names.add(line.substring(i, equals));
            i = equals + 2;
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return names;
    }
}
