package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromtoolTest {

    private Promtool promtool;

    @BeforeEach
    void requirePromtool() {
        Requirements.fromEnvironment().requireBinaries(Promtool.REQUIRED_BINARIES);
        promtool = Promtool.locate();
    }

    @Test
    void checkMetricsFlagsACounterWithoutTotalSuffix() {
        CommandResult result = promtool.checkMetrics("""
                # HELP rx_bytes Bytes received.
                # TYPE rx_bytes counter
                rx_bytes{interface="vvport1"} 123
                """);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("_total");
    }

    @Test
    void checkMetricsPassesAGoodExposition() {
        CommandResult result = promtool.checkMetrics("""
                # HELP contiv_interface_rx_bytes_total Bytes received on the interface.
                # TYPE contiv_interface_rx_bytes_total counter
                contiv_interface_rx_bytes_total{interface="vvport1"} 123
                """);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void checksConfigurationAndRulesAndRunsRuleUnitTests() {
        try (TemporaryDirectory directory = TemporaryDirectory.create("contiv-promtool-")) {
            Path rules = directory.write("rules.yml", """
                    groups:
                      - name: contiv
                        rules:
                          - alert: ContivExporterDown
                            expr: up{job="contiv"} == 0
                            for: 1m
                    """);
            Path config = directory.write("prometheus.yml", """
                    rule_files: [rules.yml]
                    scrape_configs:
                      - job_name: contiv
                        static_configs:
                          - targets: ['127.0.0.1:9004']
                    """);
            Path test = directory.write("rules_test.yml", """
                    rule_files: [rules.yml]
                    evaluation_interval: 1m
                    tests:
                      - interval: 1m
                        input_series:
                          - series: 'up{job="contiv", instance="a"}'
                            values: '0 0 0'
                        alert_rule_test:
                          - eval_time: 2m
                            alertname: ContivExporterDown
                            exp_alerts:
                              - exp_labels: {job: contiv, instance: a}
                    """);
            Path broken = directory.write("broken.yml", "groups: [{name: x, rules: [{record: y, expr: 'sum(('}]}]\n");

            assertThat(promtool.checkConfig(config).exitCode()).isZero();
            assertThat(promtool.checkRules(rules).exitCode()).isZero();
            assertThat(promtool.testRules(test).output()).contains("SUCCESS");
            assertThat(promtool.checkRules(broken).exitCode()).isNotZero();
        }
    }
}
