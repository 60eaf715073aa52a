package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomizations, built by kustomize ({@code kubectl kustomize}, kustomize 5 inside kubectl 1.27 or later)
 * against a stand-in for Contiv's own manifest (src/test/resources/.../contiv-fixture.yaml). Skipped where kubectl
 * is not installed: it is no Debian package here at a version with a current kustomize, so {@value
 * ExternalTool#REQUIRE_REAL} does not make it mandatory.
 */
class KustomizeBuildTest {

    static String fixture() throws IOException {
        try (InputStream in = KustomizeBuildTest.class.getResourceAsStream("contiv-fixture.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path sidecarOverlay(Path tmp, String contivManifest) throws IOException {
        Path dir = tmp.resolve("contiv-sidecars");
        Files.createDirectories(dir);
        for (Path f : DeployFiles.yamlFiles(DeployFiles.kubernetes().resolve("contiv-sidecars"))) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.writeString(dir.resolve("contiv.yaml"), contivManifest, StandardCharsets.UTF_8);
        return dir;
    }

    static List<Manifests.Manifest> build(Path dir) {
        ExternalTool kubectl = ExternalTool.optional(ExternalTool.kubectl(), "kubectl");
        // The "patches" field needs kustomize 4 or later (kubectl 1.21+); older kubectl builds are skipped.
        ExternalTool.Result version = kubectl.run(dir, "version", "--client");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kustomize Version: v(\\d+)\\.").matcher(version.output());
        org.junit.jupiter.api.Assumptions.assumeTrue(version.ok() && m.find() && Integer.parseInt(m.group(1)) >= 4,
                "kubectl without kustomize 4 or later: skipped (" + version.output().strip() + ")");
        ExternalTool.Result result = kubectl.run(dir, "kustomize", dir.toString());
        assertThat(result.ok()).as(result.describe()).isTrue();
        return Manifests.parseText(result.output(), dir.resolve("kustomize-output.yaml"));
    }

    static <T extends HasMetadata> T find(List<Manifests.Manifest> manifests, Class<T> type, String name) {
        return manifests.stream().map(Manifests.Manifest::object).filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @Test
    void sidecarsAreAddedToContivsManifest(@TempDir Path tmp) throws IOException {
        List<Manifests.Manifest> out = build(sidecarOverlay(tmp, fixture()));

        PodTemplateSpec netplugin = find(out, DaemonSet.class, "contiv-netplugin").getSpec().getTemplate();
        // The original Ruby sidecar of the same name is replaced, not doubled; Contiv's own container stays.
        assertThat(netplugin.getSpec().getContainers()).extracting(Container::getName)
                .containsExactly("netplugin-exporter", "contiv-netplugin");
        Container np = KubernetesManifestsTest.checkSidecar(netplugin, "netplugin-exporter", 9004, "netplugin");
        assertThat(np.getImage()).isNotEqualTo("contiv/stats");
        assertThat(KubernetesManifestsTest.env(np, "OVSDB_ADDRESS").getValue()).isEqualTo("tcp:127.0.0.1:6640");
        assertThat(np.getEnv()).extracting(e -> e.getName()).doesNotHaveDuplicates();
        assertThat(netplugin.getMetadata().getAnnotations()).containsEntry("example.com/keep-me", "yes");
        assertThat(netplugin.getSpec().getHostNetwork()).isTrue();
        assertThat(netplugin.getSpec().getVolumes()).extracting(v -> v.getName()).contains("var-run", "contiv-exporter-tmp");
        Container contiv = netplugin.getSpec().getContainers().get(1);
        assertThat(contiv.getSecurityContext().getPrivileged()).isTrue();

        PodTemplateSpec netmaster = find(out, Deployment.class, "contiv-netmaster").getSpec().getTemplate();
        assertThat(netmaster.getSpec().getContainers()).extracting(Container::getName)
                .containsExactly("netmaster-exporter", "contiv-netmaster", "contiv-api-proxy");
        KubernetesManifestsTest.checkSidecar(netmaster, "netmaster-exporter", 9005, "netmaster");
        assertThat(netmaster.getMetadata().getLabels()).containsEntry("k8s-app", "contiv-netmaster");
    }

    /** Old Contiv manifests run netmaster as a ReplicaSet: the documented target selector patches it. */
    @Test
    void netmasterReplicaSetIsPatchedThroughATarget(@TempDir Path tmp) throws IOException {
        String replicaSet = fixture().replace("apiVersion: apps/v1\nkind: Deployment", "apiVersion: apps/v1\nkind: ReplicaSet");
        assertThat(replicaSet).contains("kind: ReplicaSet");
        Path dir = sidecarOverlay(tmp, replicaSet);
        String k = Files.readString(dir.resolve("kustomization.yaml"), StandardCharsets.UTF_8);
        String withTarget = k.replace("  - path: netmaster-exporter-patch.yaml\n",
                "  - path: netmaster-exporter-patch.yaml\n    target:\n      kind: ReplicaSet\n      name: contiv-netmaster\n");
        assertThat(withTarget).isNotEqualTo(k);
        Files.writeString(dir.resolve("kustomization.yaml"), withTarget, StandardCharsets.UTF_8);

        List<Manifests.Manifest> out = build(dir);
        PodTemplateSpec netmaster = find(out, ReplicaSet.class, "contiv-netmaster").getSpec().getTemplate();
        KubernetesManifestsTest.checkSidecar(netmaster, "netmaster-exporter", 9005, "netmaster");
        assertThat(out).noneMatch(m -> m.object() instanceof Deployment);
    }

    @Test
    void monitoringKustomizationBuilds() {
        List<Manifests.Manifest> out = build(DeployFiles.kubernetes());
        assertThat(out).extracting(m -> m.document().kind() + "/" + ((HasMetadata) m.object()).getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "ServiceAccount/contiv-prometheus", "ClusterRole/contiv-prometheus",
                        "ClusterRoleBinding/contiv-prometheus", "ConfigMap/contiv-prometheus-config",
                        "Deployment/contiv-prometheus", "Service/contiv-prometheus",
                        "ConfigMap/contiv-grafana-datasources", "ConfigMap/contiv-grafana-dashboard-provider",
                        "ConfigMap/contiv-grafana-dashboards", "Deployment/contiv-grafana", "Service/contiv-grafana");
    }
}
