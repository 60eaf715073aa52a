package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlExpressionsTest {

    private static final Set<String> VARS = Set.of("datasource", "tenant", "network", "endpoint_group");

    @Test
    void substitutesTemplateAndIntervalVariables() {
        assertThat(PromqlExpressions.substitute(
                "sum by (tenant) (rate(contiv_endpoint_receive_bytes_total{tenant=~\"$tenant\", network=~\"${network}\", endpoint_group=~\"[[endpoint_group]]\"}[$__rate_interval]))",
                VARS))
                .isEqualTo("sum by (tenant) (rate(contiv_endpoint_receive_bytes_total{tenant=~\".*\", network=~\".*\", endpoint_group=~\".*\"}[1m]))");
        assertThat(PromqlExpressions.substitute("increase(x[$__interval]) / $__range_s + y[$__range]", VARS))
                .isEqualTo("increase(x[15s]) / 3600 + y[1h]");
        assertThat(PromqlExpressions.substitute("x{tenant=~\"${tenant:regex}\"}", VARS)).isEqualTo("x{tenant=~\".*\"}");
    }

    @Test
    void rejectsUnknownVariables() {
        assertThatThrownBy(() -> PromqlExpressions.substitute("x{a=~\"$nope\"}", VARS)).hasMessageContaining("$nope");
    }

    @Test
    void extractsVariableSelectors() {
        assertThat(PromqlExpressions.variableQueryPromql("label_values({__name__=~\"a|b\", tenant=~\"$tenant\"}, network)"))
                .isEqualTo("{__name__=~\"a|b\", tenant=~\"$tenant\"}");
        assertThat(PromqlExpressions.variableQueryPromql("label_values(up, job)")).isEqualTo("up");
        assertThat(PromqlExpressions.variableQueryPromql("query_result(topk(3, up))")).isEqualTo("topk(3, up)");
        assertThat(PromqlExpressions.variableQueryPromql("label_values(tenant)")).isNull();
    }

    @Test
    void readsPanelsNestedInRowsAndSkipsEmptyTargets() throws Exception {
        var d = new ObjectMapper().readTree("""
                {"templating": {"list": [{"name": "tenant", "type": "query", "query": "label_values(x, tenant)"}]},
                 "panels": [
                   {"id": 1, "type": "row", "title": "r", "panels": [
                     {"id": 2, "type": "timeseries", "title": "p", "targets": [{"refId": "A", "expr": "a{tenant=~\\"$tenant\\"}"}, {"refId": "B", "expr": ""}]}]},
                   {"id": 3, "type": "stat", "title": "s", "targets": [{"refId": "A", "expr": "b"}]}]}
                """);
        List<PromqlExpressions.Expression> e = PromqlExpressions.fromDashboard(d, "d.json");
        assertThat(e).extracting(PromqlExpressions.Expression::promql).containsExactly("a{tenant=~\".*\"}", "b", "x");
        assertThat(e.get(0).source()).isEqualTo("d.json panel 2 \"p\" target A");
        assertThat(e.get(2).kind()).isEqualTo(PromqlExpressions.Kind.DASHBOARD_VARIABLE);
    }

    @Test
    void findsEveryExpressionShipped() {
        List<PromqlExpressions.Expression> all = PromqlExpressions.all();
        long alerts = all.stream().filter(e -> e.kind() == PromqlExpressions.Kind.ALERT_RULE).count();
        assertThat(alerts).isEqualTo(PrometheusRulesTest.alerts().size());
        assertThat(all).filteredOn(e -> e.kind() == PromqlExpressions.Kind.DASHBOARD_VARIABLE)
                .extracting(PromqlExpressions.Expression::name).containsExactly("tenant", "network", "endpoint_group");
        assertThat(all).filteredOn(e -> e.kind() == PromqlExpressions.Kind.DASHBOARD_PANEL).hasSizeGreaterThan(30);
        for (PromqlExpressions.Expression e : all) {
            assertThat(e.promql()).as(e.source()).isNotBlank().doesNotContain("$").doesNotContain("[[");
        }
    }
}
