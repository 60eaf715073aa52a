package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ConfigMaps that carry copies of files under deploy/ hold exactly those files.
 *
 * <p>The ConfigMap manifests are generated from the files. After editing prometheus.yml, alerts.yml or the
 * dashboard JSON, regenerate them with
 *
 * <pre>mvn -q test -Dtest=ConfigMapSyncTest -Dcontiv.deploy.regenerate=true</pre>
 */
class ConfigMapSyncTest {

    /** A generated ConfigMap manifest: its file, name, and data keys with the files they copy. */
    record Generated(String manifest, String name, String comment, Map<String, String> data) {}

    static final List<Generated> GENERATED = List.of(
            new Generated("kubernetes/prometheus/configmap.yaml", "contiv-prometheus-config",
                    "Prometheus' configuration and alert rules, mounted into /etc/prometheus.",
                    ordered("prometheus.yml", "prometheus/prometheus.yml", "alerts.yml", "prometheus/alerts.yml")),
            new Generated("kubernetes/grafana/dashboards-configmap.yaml", "contiv-grafana-dashboards",
                    "The contiv-exporter Grafana dashboard, mounted into /etc/grafana/dashboards/contiv.",
                    ordered("contiv-exporter-dashboard.json", "grafana/contiv-exporter-dashboard.json")));

    static final String APP_LABELS_PROMETHEUS = "contiv-prometheus";
    static final String APP_LABELS_GRAFANA = "contiv-grafana";

    @Test
    void configMapsHoldExactlyTheFiles() throws IOException {
        boolean regenerate = Boolean.getBoolean("contiv.deploy.regenerate");
        for (Generated g : GENERATED) {
            Path manifest = DeployFiles.deploy(g.manifest());
            if (regenerate) {
                Files.writeString(manifest, render(g), StandardCharsets.UTF_8);
            }
            ConfigMap cm = Manifests.parse(Manifests.documents(manifest).get(0)).as(ConfigMap.class);
            assertThat(cm.getMetadata().getName()).isEqualTo(g.name());
            assertThat(cm.getData().keySet()).containsExactlyElementsOf(g.data().keySet());
            g.data().forEach((key, file) -> assertThat(cm.getData().get(key))
                    .as(g.manifest() + " key " + key + " must equal deploy/" + file
                            + " (regenerate: mvn -q test -Dtest=ConfigMapSyncTest -Dcontiv.deploy.regenerate=true)")
                    .isEqualTo(DeployFiles.read(DeployFiles.deploy(file))));
            assertThat(DeployFiles.read(manifest)).as(g.manifest() + " is not as generated").isEqualTo(render(g));
        }
    }

    /** The manifest text for a generated ConfigMap: the files as YAML literal block scalars. */
    static String render(Generated g) {
        String app = g.name().startsWith("contiv-prometheus") ? APP_LABELS_PROMETHEUS : APP_LABELS_GRAFANA;
        StringBuilder out = new StringBuilder();
        out.append("# GENERATED from ").append(String.join(", ", g.data().values().stream().map(f -> "deploy/" + f).toList()))
                .append(": do not edit here.\n")
                .append("# Regenerate after editing those: mvn -q test -Dtest=ConfigMapSyncTest -Dcontiv.deploy.regenerate=true\n")
                .append("# ").append(g.comment()).append('\n')
                .append("apiVersion: v1\n")
                .append("kind: ConfigMap\n")
                .append("metadata:\n")
                .append("  name: ").append(g.name()).append('\n')
                .append("  namespace: kube-system\n")
                .append("  labels:\n")
                .append("    app.kubernetes.io/name: ").append(app).append('\n')
                .append("    app.kubernetes.io/part-of: contiv-exporter\n")
                .append("data:\n");
        g.data().forEach((key, file) -> out.append(blockScalar(key, DeployFiles.read(DeployFiles.deploy(file)))));
        return out.toString();
    }

    /** {@code key: |} and the text indented by four spaces, keeping it byte for byte. */
    static String blockScalar(String key, String text) {
        String chomp = text.endsWith("\n\n") ? "+" : text.endsWith("\n") ? "" : "-";
        String indent = text.startsWith(" ") ? "4" : "";
        StringBuilder out = new StringBuilder("  ").append(key).append(": |").append(indent).append(chomp).append('\n');
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            if (line.contains("\r")) {
                throw new IllegalArgumentException(key + ": carriage returns cannot be kept in a YAML block scalar");
            }
            out.append(line.isEmpty() ? "" : "    " + line).append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> ordered(String... keysAndFiles) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndFiles.length; i += 2) {
            m.put(keysAndFiles[i], keysAndFiles[i + 1]);
        }
        return m;
    }
}
