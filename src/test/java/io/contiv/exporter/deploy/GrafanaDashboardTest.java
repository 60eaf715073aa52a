package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/grafana/contiv-exporter-dashboard.json. */
class GrafanaDashboardTest {

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DeployFiles.dashboard().toFile());
    }

    @Test
    void isAGrafanaDashboardModel() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("uid").asText()).isEqualTo("contiv-exporter");
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(d.path("panels").isArray()).isTrue();
        assertThat(d.path("id").isNull()).as("no database id in a provisioned dashboard").isTrue();
    }

    @Test
    void everyPanelHasATargetWithAnExpression() throws IOException {
        List<String> empty = new ArrayList<>();
        int panels = 0;
        for (JsonNode panel : PromqlExpressions.panels(dashboard())) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            panels++;
            boolean hasExpr = false;
            for (JsonNode target : panel.path("targets")) {
                hasExpr |= !target.path("expr").asText("").isBlank();
                assertThat(target.path("refId").asText()).as(panel.path("title").asText() + " refId").isNotBlank();
            }
            if (!hasExpr) {
                empty.add(panel.path("title").asText());
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title") + " datasource").isEqualTo("${datasource}");
        }
        assertThat(panels).isGreaterThan(20);
        assertThat(empty).as("panels without a PromQL target").isEmpty();
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() throws IOException {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : PromqlExpressions.panels(dashboard())) {
            assertThat(ids.add(panel.path("id").asInt())).as("duplicate panel id " + panel.path("id")).isTrue();
            JsonNode g = panel.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertThat(box[0] + box[2]).as(panel.path("title") + " fits in 24 columns").isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(panel.path("title") + " overlaps another panel").isFalse();
            }
            boxes.add(box);
        }
    }

    @Test
    void templateVariablesExistAndQueryLabelValues() throws IOException {
        JsonNode d = dashboard();
        Set<String> names = PromqlExpressions.templateVariables(d);
        assertThat(names).contains("datasource", "tenant", "network", "endpoint_group");
        for (JsonNode v : d.path("templating").path("list")) {
            String name = v.path("name").asText();
            if (Set.of("tenant", "network", "endpoint_group").contains(name)) {
                assertThat(v.path("type").asText()).isEqualTo("query");
                String query = v.path("query").isObject() ? v.path("query").path("query").asText() : v.path("query").asText();
                assertThat(query).as(name).startsWith("label_values(").endsWith(", " + name + ")");
                assertThat(v.path("includeAll").asBoolean()).isTrue();
                assertThat(v.path("allValue").asText()).isEqualTo(".*");
            }
        }
    }

    /** The dashboard shows what the deployment promises. */
    @Test
    void coversTrafficDropsInventoryHealthCapacityInterfacesAndPolicy() throws IOException {
        String exprs = String.join("\n", PromqlExpressions.fromDashboard(DeployFiles.dashboard()).stream()
                .map(PromqlExpressions.Expression::original).toList());
        for (String direction : List.of("receive", "transmit")) {
            for (String what : List.of("bytes", "packets", "dropped", "errors")) {
                assertThat(exprs).contains("rate(contiv_endpoint_" + direction + "_" + what + "_total{");
            }
        }
        for (String by : List.of("by (tenant)", "by (tenant, network)", "by (tenant, network, endpoint_group)", "container")) {
            assertThat(exprs).contains(by);
        }
        assertThat(exprs).contains("contiv_endpoint_collisions_total", "contiv_tenants", "contiv_networks{",
                "contiv_endpoint_groups{", "contiv_endpoints{", "contiv_policies{", "contiv_netprofiles{", "contiv_network_info{",
                "contiv_network_addresses_allocated", "contiv_network_addresses_capacity",
                "contiv_exporter_source_up", "contiv_exporter_source_duration_seconds",
                "time() - contiv_exporter_source_last_success_timestamp_seconds", "contiv_exporter_source_errors_total",
                "contiv_exporter_build_info", "up{", "contiv_endpoint_link_up", "contiv_endpoint_admin_up",
                "contiv_endpoint_mtu_bytes", "contiv_endpoint_link_resets_total", "contiv_orphan_interfaces",
                "contiv_missing_endpoint_interfaces", "contiv_policy_rule_packets_total{action=\"allow\"",
                "contiv_policy_rule_packets_total{action=\"deny\"", "contiv_policy_rule_bytes_total",
                "contiv_policy_default_packets_total", "contiv_policy_default_bytes_total", "contiv_policy_rules{",
                "contiv_ovs_datapath_lookups_total{result=\"lost\"}", "contiv_ovs_datapath_flows",
                "contiv_ovs_coverage_events_total", "contiv_ovs_vswitchd_objects", "contiv_openflow_table_flows",
                "contiv_openflow_table_lookups_total", "contiv_openflow_table_matches_total",
                "sum by (remote_host, node) (rate(contiv_tunnel_receive_bytes_total", "contiv_tunnel_link_up",
                "contiv_uplink_link_up", "contiv_uplink_receive_bytes_total", "sum by (reason) (rate(contiv_dropped_packets_total");
    }

    /**
     * Template variables appear only inside regex matchers ({@code label=~"$var"}), so that "All" (.*) and
     * multi-value selections work, and so that {@link PromqlExpressions} may replace them by {@code .*}.
     */
    @Test
    void templateVariablesAreUsedOnlyInRegexMatchers() throws IOException {
        JsonNode d = dashboard();
        Set<String> names = PromqlExpressions.templateVariables(d);
        Pattern regexMatcher = Pattern.compile("=~\\s*\"[^\"]*\"");
        Pattern variable = Pattern.compile("\\$\\{?([A-Za-z0-9_]+)|\\[\\[([A-Za-z0-9_]+)");
        List<PromqlExpressions.Expression> expressions = PromqlExpressions.fromDashboard(DeployFiles.dashboard());
        for (PromqlExpressions.Expression e : expressions) {
            String outside = regexMatcher.matcher(e.original()).replaceAll("=~\"\"");
            Matcher m = variable.matcher(outside);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(names).as(e.source() + ": $" + name + " outside a =~ matcher").doesNotContain(name);
            }
        }
    }

    /** Every dashboard expression is valid PromQL: promtool parses them all as recording rules. */
    @Test
    void promtoolParsesEveryDashboardExpression(@TempDir Path tmp) throws IOException {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        List<PromqlExpressions.Expression> expressions = PromqlExpressions.fromDashboard(DeployFiles.dashboard());
        assertThat(expressions).hasSizeGreaterThan(30);
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = json.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        for (int i = 0; i < expressions.size(); i++) {
            rules.addObject().put("record", "dashboard:expression_" + i).put("expr", expressions.get(i).promql());
        }
        Files.writeString(tmp.resolve("dashboard-rules.yml"), Manifests.YAML.writeValueAsString(file), StandardCharsets.UTF_8);
        ExternalTool.Result result = promtool.run(tmp, "check", "rules", "dashboard-rules.yml");
        if (!result.ok()) {
            // Name the failing expressions: promtool reports them by index.
            StringBuilder which = new StringBuilder(result.describe());
            for (int i = 0; i < expressions.size(); i++) {
                if (result.output().contains("dashboard:expression_" + i + "\"") || result.output().contains("group \"dashboard\", rule " + (i + 1) + ",")) {
                    which.append("\n  ").append(expressions.get(i));
                }
            }
            throw new AssertionError(which.toString());
        }
        assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
    }
}
