package io.contiv.exporter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression that deploy/ ships, ready to be sent to a real Prometheus: the targets of the Grafana
 * dashboard's panels, the series selectors of its template-variable queries, and the expressions of the alerting
 * and recording rules.
 *
 * <p>In dashboard expressions Grafana's variables are replaced: the dashboard's template variables ({@code
 * $tenant}, {@code ${network}}, {@code [[endpoint_group]]}, ...) by {@code .*} (they are used only inside
 * {@code =~"..."} matchers, which {@link GrafanaDashboardTest} checks), {@code $__rate_interval} by {@value
 * #RATE_INTERVAL}, {@code $__interval} by {@value #INTERVAL}, {@code $__range} by {@value #RANGE} (and their
 * {@code _ms} / {@code _s} forms by the matching numbers). An unknown variable is an error.
 *
 * <p>Usage: {@code PromqlExpressions.all()} (the files under the project's deploy/), or {@link
 * #fromDashboard(Path)} and {@link #fromRules(Path)} for given files. Each {@link Expression} says where it came
 * from, for error messages.
 */
public final class PromqlExpressions {

    /** What {@code $__rate_interval} becomes: at least four scrape intervals (5 s) and a whole minute. */
    public static final String RATE_INTERVAL = "1m";
    /** What {@code $__interval} becomes. */
    public static final String INTERVAL = "15s";
    /** What {@code $__range} becomes. */
    public static final String RANGE = "1h";

    private static final Map<String, String> BUILT_INS = Map.ofEntries(
            Map.entry("__rate_interval", RATE_INTERVAL),
            Map.entry("__rate_interval_ms", "60000"),
            Map.entry("__interval", INTERVAL),
            Map.entry("__interval_ms", "15000"),
            Map.entry("__range", RANGE),
            Map.entry("__range_s", "3600"),
            Map.entry("__range_ms", "3600000"));

    /** $name, ${name}, ${name:format} and [[name]]. */
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[A-Za-z0-9_]+)?\\}|\\$([A-Za-z0-9_]+)|\\[\\[([A-Za-z0-9_]+)(?::[A-Za-z0-9_]+)?\\]\\]");

    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private PromqlExpressions() {}

    /** Where an expression comes from. */
    public enum Kind {
        /** A target of a dashboard panel. */
        DASHBOARD_PANEL,
        /** The series selector (or query) of a dashboard template variable. */
        DASHBOARD_VARIABLE,
        /** An alerting rule. */
        ALERT_RULE,
        /** A recording rule. */
        RECORDING_RULE
    }

    /**
     * One expression.
     *
     * @param kind where it comes from
     * @param source the file and the place in it, e.g. {@code deploy/grafana/...json panel 12 "Throughput per
     *     tenant" target B}
     * @param name the panel title, variable name or rule name
     * @param original the expression as written, Grafana variables included
     * @param promql the expression to send to Prometheus
     */
    public record Expression(Kind kind, String source, String name, String original, String promql) {
        @Override
        public String toString() {
            return source + ": " + promql;
        }
    }

    /** Every expression of the dashboard and of the alert rules under the project's deploy/. */
    public static List<Expression> all() {
        List<Expression> all = new ArrayList<>(fromDashboard(DeployFiles.dashboard()));
        all.addAll(fromRules(DeployFiles.alertRules()));
        return all;
    }

    /** The expressions of a Grafana dashboard JSON file. */
    public static List<Expression> fromDashboard(Path dashboardJson) {
        try {
            return fromDashboard(new ObjectMapper().readTree(dashboardJson.toFile()), display(dashboardJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expressions of a Grafana dashboard's JSON model; {@code sourceName} names it in {@link Expression#source()}. */
    public static List<Expression> fromDashboard(JsonNode dashboard, String sourceName) {
        Set<String> templateVariables = templateVariables(dashboard);
        List<Expression> out = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asText("");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (expr.isBlank()) {
                    continue;
                }
                String source = sourceName + " panel " + panel.path("id").asText("?") + " \"" + title + "\" target "
                        + target.path("refId").asText("?");
                out.add(new Expression(Kind.DASHBOARD_PANEL, source, title, expr, substitute(expr, templateVariables)));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText("") : query.asText("");
            String selector = variableQueryPromql(text);
            if (selector == null) {
                continue;
            }
            String name = variable.path("name").asText("?");
            out.add(new Expression(Kind.DASHBOARD_VARIABLE, sourceName + " variable " + name, name, text,
                    substitute(selector, templateVariables)));
        }
        return out;
    }

    /** The expressions of a Prometheus rules file (alerting and recording rules). */
    public static List<Expression> fromRules(Path rulesYaml) {
        JsonNode rules;
        try {
            rules = new YAMLMapper().readTree(rulesYaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Expression> out = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                boolean alert = rule.has("alert");
                String name = alert ? rule.path("alert").asText() : rule.path("record").asText();
                String expr = rule.path("expr").asText("").strip();
                out.add(new Expression(alert ? Kind.ALERT_RULE : Kind.RECORDING_RULE,
                        display(rulesYaml) + " group " + group.path("name").asText() + (alert ? " alert " : " record ") + name,
                        name, expr, expr));
            }
        }
        return out;
    }

    /** The names of the dashboard's template variables (every type). */
    public static Set<String> templateVariables(JsonNode dashboard) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            names.add(variable.path("name").asText());
        }
        return names;
    }

    /** Every panel of the dashboard, those nested in rows included (row panels themselves too). */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                out.add(nested);
            }
        }
        return out;
    }

    /**
     * Replaces Grafana's variables in an expression: template variables by {@code .*}, interval and range
     * variables by fixed values.
     *
     * @throws IllegalArgumentException for a variable that is neither a template variable nor a built-in
     */
    public static String substitute(String expr, Set<String> templateVariables) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value;
            if (BUILT_INS.containsKey(name)) {
                value = BUILT_INS.get(name);
            } else if (templateVariables.contains(name)) {
                value = ".*";
            } else {
                throw new IllegalArgumentException("unknown Grafana variable $" + name + " in: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The PromQL in a Prometheus template-variable query: the series selector of {@code label_values(selector,
     * label)}, the expression of {@code query_result(expr)}; null for queries that hold none ({@code
     * label_values(label)}, {@code label_names()}, {@code metrics(regex)}).
     */
    static String variableQueryPromql(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.matches()) {
            return lv.group(1).strip();
        }
        Matcher qr = QUERY_RESULT.matcher(query);
        if (qr.matches()) {
            return qr.group(1).strip();
        }
        return null;
    }

    private static String display(Path file) {
        try {
            return DeployFiles.projectRoot().relativize(file.toAbsolutePath()).toString();
        } catch (RuntimeException e) {
            return file.toString();
        }
    }
}
