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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/prometheus.yml.
 *
 * <p>Debian's Prometheus (and so its promtool, such as 2.42 in Debian 12) is built without Kubernetes service
 * discovery: it rejects {@code kubernetes_sd_configs} as an unknown field. When promtool says so, the check
 * falls back to a copy of the file in which the Kubernetes discovery is replaced by file discovery of pods
 * with Kubernetes' meta labels, and everything else (global settings, relabelling, rule files) is checked by
 * promtool; the relabelling is then also run for real ({@code promtool check service-discovery}).
 */
class PrometheusConfigTest {

    private static final String JOB = "contiv-exporter";

    @Test
    void scrapeSettingsAreTheOriginalOnes() {
        JsonNode config = Manifests.readYaml(DeployFiles.prometheusConfig());
        assertThat(config.path("global").path("scrape_interval").asText()).isEqualTo("5s");
        assertThat(seconds(config.path("global").path("scrape_timeout").asText())).isLessThanOrEqualTo(5);
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
        JsonNode job = job(config);
        JsonNode sd = job.path("kubernetes_sd_configs");
        assertThat(sd.size()).isEqualTo(1);
        assertThat(sd.get(0).path("role").asText()).isEqualTo("pod");
        // Nothing but the role: the in-cluster defaults (service account token, API server).
        assertThat(fieldNames(sd.get(0))).containsExactly("role");

        String relabel = job.path("relabel_configs").toString();
        assertThat(relabel)
                .contains("__meta_kubernetes_pod_annotation_prometheus_io_scrape")
                .contains("__meta_kubernetes_pod_annotation_prometheus_io_path")
                .contains("__meta_kubernetes_pod_annotation_prometheus_io_port")
                .contains("__meta_kubernetes_pod_label_(.+)")
                .contains("\"target_label\":\"namespace\"")
                .contains("\"target_label\":\"pod\"");
    }

    @Test
    void promtoolChecksTheConfig(@TempDir Path tmp) throws IOException {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        ExternalTool.Result real = promtool.run(DeployFiles.deploy("prometheus"), "check", "config", "prometheus.yml");
        if (real.ok()) {
            assertThat(real.output()).contains("SUCCESS");
            return;
        }
        assertThat(real.output())
                .as("promtool check config failed, and not because it lacks Kubernetes discovery:\n" + real.describe())
                .contains("field kubernetes_sd_configs not found");
        System.out.println("[deploy] " + promtool.executable + " was built without Kubernetes service discovery "
                + "(Debian's build): checking the config with file discovery in its place.");
        writeFileSdCopy(tmp);
        ExternalTool.Result copy = promtool.run(tmp, "check", "config", "prometheus.yml");
        assertThat(copy.ok()).as(copy.describe()).isTrue();
        assertThat(copy.output()).contains("SUCCESS").contains("alerts.yml");
    }

    /** The relabelling, run by promtool on pods described by Kubernetes' meta labels. */
    @Test
    void relabellingKeepsAnnotatedPodsAndSetsTheirLabels(@TempDir Path tmp) throws IOException {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        writeFileSdCopy(tmp);
        ExternalTool.Result result = promtool.run(tmp, "check", "service-discovery", "--timeout=3s", "prometheus.yml", JOB);
        assertThat(result.ok()).as(result.describe()).isTrue();
        String out = result.output();
        // The JSON array starts on a line of its own (promtool may log before it).
        int start = out.startsWith("[") ? 0 : out.indexOf("\n[") + 1;
        assertThat(start).as(result.describe()).isGreaterThanOrEqualTo(0);
        JsonNode targets = new ObjectMapper().readTree(out.substring(start));
        Map<String, JsonNode> byPod = new TreeMap<>();
        int dropped = 0;
        for (JsonNode t : targets) {
            JsonNode labels = t.path("labels");
            if (labels.size() == 0) {
                dropped++;
            } else {
                byPod.put(labels.path("pod").asText(), labels);
            }
        }
        assertThat(dropped).as("pods without prometheus.io/scrape: 'true'").isEqualTo(2);
        assertThat(byPod.keySet()).containsExactly("contiv-netmaster-7d9f8", "contiv-netplugin-x2x4k");

        JsonNode netplugin = byPod.get("contiv-netplugin-x2x4k");
        assertThat(netplugin.path("instance").asText()).isEqualTo("192.168.50.11:9004");
        assertThat(netplugin.path("__metrics_path__").asText()).isEqualTo("/metrics");
        assertThat(netplugin.path("job").asText()).isEqualTo(JOB);
        assertThat(netplugin.path("namespace").asText()).isEqualTo("kube-system");
        assertThat(netplugin.path("k8s_app").asText()).isEqualTo("contiv-netplugin");
        assertThat(netplugin.path("node").asText()).isEqualTo("node-1");

        JsonNode netmaster = byPod.get("contiv-netmaster-7d9f8");
        assertThat(netmaster.path("instance").asText()).isEqualTo("192.168.50.10:9005");
        assertThat(netmaster.path("__metrics_path__").asText()).isEqualTo("/contiv/metrics");
        assertThat(netmaster.path("k8s_app").asText()).isEqualTo("contiv-netmaster");
    }

    /** prometheus.yml and alerts.yml in {@code dir}, with Kubernetes pod discovery replaced by file discovery. */
    static void writeFileSdCopy(Path dir) throws IOException {
        ObjectNode config = (ObjectNode) Manifests.readYaml(DeployFiles.prometheusConfig());
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.has("kubernetes_sd_configs")) {
                ObjectNode j = (ObjectNode) job;
                j.remove("kubernetes_sd_configs");
                ObjectNode fileSd = j.putArray("file_sd_configs").addObject();
                fileSd.putArray("files").add("pods.json");
            }
        }
        Files.writeString(dir.resolve("prometheus.yml"), Manifests.YAML.writeValueAsString(config), StandardCharsets.UTF_8);
        Files.copy(DeployFiles.alertRules(), dir.resolve("alerts.yml"));
        ObjectMapper json = new ObjectMapper();
        ArrayNode pods = json.createArrayNode();
        // Targets as Kubernetes' pod discovery gives them: one per declared container port (or one without a
        // port), with the pod's meta labels.
        pod(pods, "192.168.50.11:6640", "contiv-netplugin-x2x4k", "node-1", "contiv-netplugin",
                Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9004"));
        pod(pods, "192.168.50.10", "contiv-netmaster-7d9f8", "node-0", "contiv-netmaster",
                Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9005", "prometheus.io/path", "/contiv/metrics"));
        pod(pods, "10.1.2.3:80", "web-5f6d7", "node-1", "web", Map.of());
        pod(pods, "10.1.2.4:80", "api-8c9d0", "node-1", "api", Map.of("prometheus.io/scrape", "false", "prometheus.io/port", "80"));
        Files.writeString(dir.resolve("pods.json"), json.writeValueAsString(pods), StandardCharsets.UTF_8);
    }

    private static void pod(ArrayNode pods, String address, String name, String node, String app, Map<String, String> annotations) {
        ObjectNode group = pods.addObject();
        group.putArray("targets").add(address);
        ObjectNode labels = group.putObject("labels");
        labels.put("__meta_kubernetes_namespace", name.startsWith("contiv") ? "kube-system" : "default");
        labels.put("__meta_kubernetes_pod_name", name);
        labels.put("__meta_kubernetes_pod_node_name", node);
        labels.put("__meta_kubernetes_pod_label_k8s_app", app);
        labels.put("__meta_kubernetes_pod_labelpresent_k8s_app", "true");
        annotations.forEach((k, v) -> {
            String sanitized = k.replaceAll("[^a-zA-Z0-9_]", "_");
            labels.put("__meta_kubernetes_pod_annotation_" + sanitized, v);
            labels.put("__meta_kubernetes_pod_annotationpresent_" + sanitized, "true");
        });
    }

    private static JsonNode job(JsonNode config) {
        for (JsonNode job : config.path("scrape_configs")) {
            if (JOB.equals(job.path("job_name").asText())) {
                return job;
            }
        }
        throw new AssertionError("no scrape job " + JOB);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }
}
