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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/sharded/ (hashmod shards) and deploy/prometheus/agent/ (agent mode with remote_write), checked by
 * promtool, and the sharding run for real by {@code promtool check service-discovery} on 40 netplugin pods and the
 * netmaster pod: every target lands on exactly one shard, both shards get a share, and the labels are the unsharded
 * configuration's. Debian's promtool lacks Kubernetes discovery, so file discovery of pods described by Kubernetes'
 * meta labels stands in for it, as in {@link PrometheusConfigTest}.
 */
class ShardedPrometheusConfigTest {

    private static final String JOB = "contiv-exporter";
    private static final int SHARDS = 2;
    private static final int NODES = 40;

    private static Path shard(int shard) {
        return DeployFiles.deploy("prometheus/sharded/prometheus-shard-" + shard + ".yml");
    }

    @Test
    void everyPodIsScrapedByExactlyOneShardWithTheUsualLabels(@TempDir Path tmp) throws IOException {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        Map<String, String> annotated = writePods(tmp.resolve("pods.json"));
        Files.copy(DeployFiles.alertRules(), tmp.resolve("alerts.yml"));
        List<Set<String>> shares = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Path config = tmp.resolve("shard-" + shard + ".yml");
            withFileDiscovery(shard(shard), config);
            ExternalTool.Result check = promtool.run(tmp, "check", "config", config.getFileName().toString());
            assertThat(check.ok()).as(check.describe()).isTrue();
            assertThat(check.output()).contains("SUCCESS").contains("alerts.yml");

            ExternalTool.Result discovery = promtool.run(tmp, "check", "service-discovery", "--timeout=3s",
                    config.getFileName().toString(), JOB);
            assertThat(discovery.ok()).as(discovery.describe()).isTrue();
            Set<String> kept = new HashSet<>();
            for (JsonNode target : targets(discovery.output())) {
                JsonNode labels = target.path("labels");
                if (labels.size() > 0) {
                    String pod = labels.path("pod").asText();
                    kept.add(pod);
                    assertThat(labels.path("instance").asText()).isEqualTo(annotated.get(pod));
                    assertThat(labels.path("job").asText()).isEqualTo(JOB);
                }
            }
            assertThat(kept).as("shard %d takes a share", shard).isNotEmpty();
            shares.add(kept);
        }
        Set<String> union = new HashSet<>();
        shares.forEach(union::addAll);
        assertThat(union).as("every annotated pod on some shard").isEqualTo(annotated.keySet());
        assertThat(shares.get(0)).as("no pod on two shards").doesNotContainAnyElementsOf(shares.get(1));
        assertThat(Manifests.readYaml(shard(1)).path("global").path("external_labels").path("shard").asText())
                .isEqualTo("1");
    }

    @Test
    void theShardsAreTheUnshardedConfigurationPlusTheirHashmod() {
        JsonNode plain = Manifests.readYaml(DeployFiles.prometheusConfig());
        for (int shard = 0; shard < SHARDS; shard++) {
            JsonNode sharded = Manifests.readYaml(shard(shard));
            assertThat(sharded.path("rule_files")).isEqualTo(plain.path("rule_files"));
            assertThat(sharded.path("global").path("scrape_interval")).isEqualTo(plain.path("global")
                    .path("scrape_interval"));
            JsonNode relabel = sharded.path("scrape_configs").get(0).path("relabel_configs");
            List<JsonNode> withoutShard = new ArrayList<>();
            relabel.forEach(step -> {
                if (!step.toString().contains("__tmp_shard")) {
                    withoutShard.add(step);
                }
            });
            List<JsonNode> expected = new ArrayList<>();
            plain.path("scrape_configs").get(0).path("relabel_configs").forEach(expected::add);
            assertThat(withoutShard).isEqualTo(expected);
            assertThat(relabel.toString()).contains("\"modulus\":" + SHARDS).contains("\"regex\":\"" + shard + "\"");
        }
    }

    @Test
    void theAgentConfigurationIsValidForAgentModeAndWritesRemotely(@TempDir Path tmp) throws IOException {
        ExternalTool promtool = ExternalTool.required(ExternalTool.promtool(), "promtool");
        writePods(tmp.resolve("pods.json"));
        Path config = tmp.resolve("agent.yml");
        withFileDiscovery(DeployFiles.deploy("prometheus/agent/prometheus-agent.yml"), config);
        ExternalTool.Result check = promtool.run(tmp, "check", "config", "--agent", "agent.yml");
        assertThat(check.ok()).as(check.describe()).isTrue();
        JsonNode agent = Manifests.readYaml(DeployFiles.deploy("prometheus/agent/prometheus-agent.yml"));
        assertThat(agent.path("remote_write").get(0).path("url").asText()).startsWith("http");
        assertThat(agent.has("rule_files")).as("an agent evaluates no rules").isFalse();
    }

    /** The configuration with Kubernetes pod discovery replaced by file discovery of pods.json. */
    private static void withFileDiscovery(Path source, Path target) throws IOException {
        ObjectNode config = (ObjectNode) Manifests.readYaml(source);
        for (JsonNode job : config.path("scrape_configs")) {
            ObjectNode j = (ObjectNode) job;
            j.remove("kubernetes_sd_configs");
            j.putArray("file_sd_configs").addObject().putArray("files").add("pods.json");
        }
        Files.writeString(target, Manifests.YAML.writeValueAsString(config), StandardCharsets.UTF_8);
    }

    /** Writes the pods as Kubernetes would describe them; returns the annotated ones with their scrape address. */
    private static Map<String, String> writePods(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode pods = json.createArrayNode();
        Map<String, String> annotated = new java.util.TreeMap<>();
        for (int n = 1; n <= NODES; n++) {
            String pod = "contiv-netplugin-" + n;
            String ip = "192.168.50." + (10 + n);
            pod(pods, ip + ":6640", pod, "node-" + n, "contiv-netplugin", "9004");
            annotated.put(pod, ip + ":9004");
        }
        pod(pods, "192.168.50.10", "contiv-netmaster-7d9f8", "node-0", "contiv-netmaster", "9005");
        annotated.put("contiv-netmaster-7d9f8", "192.168.50.10:9005");
        pod(pods, "10.1.2.3:80", "web-5f6d7", "node-1", "web", null);
        Files.writeString(file, json.writeValueAsString(pods), StandardCharsets.UTF_8);
        return annotated;
    }

    private static void pod(ArrayNode pods, String address, String name, String node, String app, String port) {
        ObjectNode group = pods.addObject();
        group.putArray("targets").add(address);
        ObjectNode labels = group.putObject("labels");
        labels.put("__meta_kubernetes_namespace", "kube-system");
        labels.put("__meta_kubernetes_pod_name", name);
        labels.put("__meta_kubernetes_pod_node_name", node);
        labels.put("__meta_kubernetes_pod_label_k8s_app", app);
        if (port != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true");
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_port", port);
        }
    }

    private static JsonNode targets(String output) throws IOException {
        int start = output.startsWith("[") ? 0 : output.indexOf("\n[") + 1;
        return new ObjectMapper().readTree(output.substring(start));
    }
}
