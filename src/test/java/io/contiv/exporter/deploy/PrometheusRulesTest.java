package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/alerts.yml and its unit tests alerts_test.yml. */
class PrometheusRulesTest {

    /** The alerts the deployment promises (see deploy/README.md). */
    static final Set<String> REQUIRED_ALERTS = Set.of(
            "ContivExporterDown",
            "ContivExporterSourceDown",
            "ContivExporterStaleData",
            "ContivEndpointDropsRising",
            "ContivEndpointErrorsRising",
            "ContivEndpointLinkDown",
            "ContivEndpointLinkFlapping",
            "ContivOrphanInterfaces",
            "ContivMissingEndpointInterfaces",
            "ContivAddressPoolNearlyFull",
            "ContivPolicyDeniedTrafficRising",
            "ContivDatapathLostPackets",
            "ContivDatapathFlowLimitHit",
            "ContivTunnelDown",
            "ContivUplinkDown",
            "ContivSwitchDroppingPackets");

    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void promtoolChecksTheRules() {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        ExternalTool.Result result = promtool.run(DeployFiles.deploy("prometheus"), "check", "rules", "alerts.yml");
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolRunsTheRuleUnitTests() {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        ExternalTool.Result result = promtool.run(DeployFiles.deploy("prometheus"), "test", "rules", "alerts_test.yml");
        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescription() {
        Map<String, JsonNode> alerts = alerts();
        assertThat(alerts.keySet()).containsAll(REQUIRED_ALERTS);
        alerts.forEach((name, rule) -> {
            assertThat(rule.path("labels").path("severity").asText()).as(name + " severity").isIn(SEVERITIES);
            assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name + " description").isNotBlank();
            assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
        });
    }

    @Test
    void alertsCoverWhatTheyPromise() {
        Map<String, JsonNode> alerts = alerts();
        assertThat(expr(alerts, "ContivExporterDown")).contains("up{").contains("job=\"contiv-exporter\"").contains("== 0");
        assertThat(expr(alerts, "ContivExporterSourceDown")).contains("contiv_exporter_source_up == 0");
        assertThat(alerts.get("ContivExporterSourceDown").path("for").asText()).isEqualTo("5m");
        assertThat(expr(alerts, "ContivExporterStaleData"))
                .contains("time() - contiv_exporter_source_last_success_timestamp_seconds > 120");
        assertThat(expr(alerts, "ContivEndpointDropsRising"))
                .contains("contiv_endpoint_receive_dropped_total").contains("contiv_endpoint_transmit_dropped_total");
        assertThat(expr(alerts, "ContivEndpointErrorsRising"))
                .contains("contiv_endpoint_receive_errors_total").contains("contiv_endpoint_transmit_errors_total");
        assertThat(expr(alerts, "ContivAddressPoolNearlyFull")).contains("> 90");
        assertThat(expr(alerts, "ContivEndpointLinkDown")).contains("contiv_endpoint_link_up == 0");
        assertThat(alerts.get("ContivEndpointLinkDown").path("for").asText()).isEqualTo("5m");
        assertThat(expr(alerts, "ContivEndpointLinkFlapping")).contains("contiv_endpoint_link_resets_total");
        assertThat(alerts.get("ContivOrphanInterfaces").path("for").asText()).isEqualTo("10m");
        assertThat(alerts.get("ContivMissingEndpointInterfaces").path("for").asText()).isEqualTo("10m");
        assertThat(expr(alerts, "ContivPolicyDeniedTrafficRising")).contains("action=\"deny\"").contains("endpoint_group");
        assertThat(expr(alerts, "ContivDatapathLostPackets")).contains("contiv_ovs_datapath_lookups_total{result=\"lost\"}");
        assertThat(expr(alerts, "ContivDatapathFlowLimitHit")).contains("event=\"upcall_flow_limit_hit\"");
        assertThat(expr(alerts, "ContivTunnelDown")).isEqualTo("contiv_tunnel_link_up == 0");
        assertThat(expr(alerts, "ContivUplinkDown")).isEqualTo("contiv_uplink_link_up == 0");
        assertThat(expr(alerts, "ContivSwitchDroppingPackets")).contains("contiv_dropped_packets_total{reason!~");
    }

    /** Every alert has unit tests in which it fires and in which it does not. */
    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        JsonNode tests = Manifests.readYaml(DeployFiles.alertTests());
        assertThat(tests.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
        Map<String, boolean[]> seen = new LinkedHashMap<>(); // alert -> {fires, does not fire}
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                boolean[] s = seen.computeIfAbsent(check.path("alertname").asText(), k -> new boolean[2]);
                if (check.path("exp_alerts").size() > 0) {
                    s[0] = true;
                } else {
                    s[1] = true;
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String alert : alerts().keySet()) {
            boolean[] s = seen.get(alert);
            if (s == null || !s[0]) {
                missing.add(alert + " (no firing case)");
            }
            if (s == null || !s[1]) {
                missing.add(alert + " (no case where it does not fire)");
            }
        }
        assertThat(missing).as("alerts without unit tests in alerts_test.yml").isEmpty();
        assertThat(alerts().keySet()).containsAll(seen.keySet());
    }

    static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : Manifests.readYaml(DeployFiles.alertRules()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    assertThat(alerts.put(rule.path("alert").asText(), rule)).as("duplicate alert " + rule.path("alert")).isNull();
                }
            }
        }
        return alerts;
    }

    private static String expr(Map<String, JsonNode> alerts, String name) {
        assertThat(alerts).containsKey(name);
        return alerts.get(name).path("expr").asText();
    }
}
