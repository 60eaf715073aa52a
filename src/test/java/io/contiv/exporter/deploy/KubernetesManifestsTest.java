package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contiv.exporter.http.MetricsServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every YAML document under deploy/kubernetes, in Kubernetes' object model, and what the manifests must say. */
class KubernetesManifestsTest {

    static List<Manifests.Manifest> all() {
        return Manifests.parseAll(DeployFiles.kubernetes());
    }

    static <T> T one(Class<T> type, String name) {
        List<T> found = all().stream()
                .filter(m -> type.isInstance(m.object()))
                .map(m -> type.cast(m.object()))
                .filter(o -> name.equals(((io.fabric8.kubernetes.api.model.HasMetadata) o).getMetadata().getName()))
                .toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    static Manifests.Kustomization kustomization(String dir) {
        return Manifests.parse(Manifests.documents(DeployFiles.kubernetes().resolve(dir).resolve("kustomization.yaml")).get(0))
                .as(Manifests.Kustomization.class);
    }

    @Test
    void everyDocumentParsesStrictlyWithCurrentApiVersions() {
        List<Path> files = DeployFiles.yamlFiles(DeployFiles.kubernetes());
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        int documents = 0;
        for (Path file : files) {
            for (Manifests.Document document : Manifests.documents(file)) {
                documents++;
                String apiVersion = document.apiVersion();
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(apiVersion).as(document.where()).isEqualTo(Manifests.KUSTOMIZE_API_VERSION);
                    assertThat(document.kind()).as(document.where()).isEqualTo("Kustomization");
                } else {
                    assertThat(apiVersion).as(document.where()).isIn(Manifests.CURRENT_API_VERSIONS);
                    assertThat(document.tree().path("metadata").path("name").asText()).as(document.where()).isNotBlank();
                }
                Manifests.parse(document); // throws with the path of any unknown field
            }
        }
        assertThat(documents).isGreaterThanOrEqualTo(15);
    }

    @Test
    void namespacedObjectsLiveInKubeSystem() {
        for (Manifests.Manifest m : all()) {
            if (m.object() instanceof io.fabric8.kubernetes.api.model.HasMetadata o
                    && !(o instanceof ClusterRole) && !(o instanceof ClusterRoleBinding)) {
                assertThat(o.getMetadata().getNamespace()).as(m.document().where()).isEqualTo("kube-system");
            }
        }
    }

    /** The strict parsing really rejects what the API server would. */
    @Test
    void strictParsingRejectsUnknownFieldsAndUnquotedAnnotations() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: kube-system}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          imagePullPolicyy: Always
                """;
        assertThatThrownBy(() -> Manifests.parseText(typo, Path.of("typo.yaml")))
                .hasMessageContaining("imagePullPolicyy");
        String nested = """
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: x, namespace: kube-system}
                spec:
                  podMetricsEndpoints:
                    - port: contiv-metrics
                      intervall: 5s
                """;
        assertThatThrownBy(() -> Manifests.parseText(nested, Path.of("pm.yaml"))).hasMessageContaining("intervall");
        String unquoted = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: x, namespace: kube-system}
                spec:
                  template:
                    metadata:
                      annotations:
                        prometheus.io/port: 9004
                """;
        assertThatThrownBy(() -> Manifests.parseText(unquoted, Path.of("u.yaml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9004").hasMessageContaining("prometheus.io/port");
        String old = """
                apiVersion: extensions/v1beta1
                kind: DaemonSet
                metadata: {name: x}
                """;
        assertThatThrownBy(() -> Manifests.parseText(old, Path.of("old.yaml"))).hasMessageContaining("extensions/v1beta1");
        String duplicate = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x, namespace: kube-system}
                data: {a: "1", a: "2"}
                """;
        assertThatThrownBy(() -> Manifests.parseText(duplicate, Path.of("d.yaml"))).hasMessageContaining("Duplicate");
    }

    // ------------------------------------------------------------------------------------------ sidecars

    @Test
    void netpluginPatchAddsTheExporterInNetpluginMode() {
        DaemonSet ds = one(DaemonSet.class, "contiv-netplugin");
        assertThat(ds.getMetadata().getNamespace()).isEqualTo("kube-system");
        PodTemplateSpec template = ds.getSpec().getTemplate();
        assertThat(template.getSpec().getHostNetwork()).isTrue();
        Container c = checkSidecar(template, "netplugin-exporter", 9004, "netplugin");
        assertThat(env(c, "OVSDB_ADDRESS").getValue()).isEqualTo("tcp:127.0.0.1:6640");
    }

    @Test
    void netmasterPatchAddsTheExporterInNetmasterMode() {
        Deployment d = one(Deployment.class, "contiv-netmaster");
        assertThat(d.getMetadata().getNamespace()).isEqualTo("kube-system");
        checkSidecar(d.getSpec().getTemplate(), "netmaster-exporter", 9005, "netmaster");
    }

    /** The patches add only the sidecar and what it needs: Contiv's own containers stay untouched. */
    @Test
    void patchesHoldOnlyTheSidecar() {
        assertThat(one(DaemonSet.class, "contiv-netplugin").getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getName).containsExactly("netplugin-exporter");
        assertThat(one(Deployment.class, "contiv-netmaster").getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getName).containsExactly("netmaster-exporter");
        // No selector, replicas or pod-level security context: those stay Contiv's.
        assertThat(one(DaemonSet.class, "contiv-netplugin").getSpec().getSelector()).isNull();
        assertThat(one(DaemonSet.class, "contiv-netplugin").getSpec().getTemplate().getSpec().getSecurityContext()).isNull();
        assertThat(one(Deployment.class, "contiv-netmaster").getSpec().getReplicas()).isNull();
        assertThat(one(Deployment.class, "contiv-netmaster").getSpec().getSelector()).isNull();
    }

    @Test
    void sidecarKustomizationAppliesBothPatchesToContivsManifest() {
        Manifests.Kustomization k = kustomization("contiv-sidecars");
        assertThat(k.resources()).containsExactly("contiv.yaml");
        assertThat(k.patches()).extracting(Manifests.Patch::path)
                .containsExactly("netplugin-exporter-patch.yaml", "netmaster-exporter-patch.yaml");
    }

    @Test
    void monitoringKustomizationListsEveryPrometheusAndGrafanaManifest() {
        Manifests.Kustomization k = kustomization(".");
        List<String> expected = DeployFiles.yamlFiles(DeployFiles.kubernetes()).stream()
                .map(f -> DeployFiles.kubernetes().relativize(f).toString())
                .filter(f -> f.startsWith("prometheus/") || f.startsWith("grafana/"))
                .toList();
        assertThat(k.resources()).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Container checkSidecar(PodTemplateSpec template, String name, int port, String mode) {
        Map<String, String> annotations = template.getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", Integer.toString(port))
                .containsEntry("prometheus.io/path", "/metrics");
        Container c = template.getSpec().getContainers().stream().filter(x -> name.equals(x.getName())).findFirst().orElseThrow();
        assertThat(c.getImage()).startsWith("contiv/contiv-exporter:");
        assertThat(c.getArgs()).contains("serve", "--web.listen-address=:" + port, "--web.telemetry-path=/metrics");
        assertThat(env(c, "EXPORTER_MODE").getValue()).isEqualTo(mode);
        EnvVar etcd = env(c, "CONTIV_ETCD");
        assertThat(etcd.getValue()).isNull();
        assertThat(etcd.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("contiv-config");
        assertThat(etcd.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("contiv_etcd");

        assertThat(c.getPorts()).hasSize(1);
        assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(port);
        assertThat(c.getPorts().get(0).getName()).isEqualTo("contiv-metrics");

        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        if ("netplugin".equals(mode)) {
            // a CPU limit would throttle each statistics refresh into a slow scrape (deploy/README.md, "Resources")
            assertThat(c.getResources().getLimits()).doesNotContainKey("cpu");
            assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        }

        var sc = c.getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getRunAsUser()).isEqualTo(65532L);
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();

        checkProbeOnPort(c.getLivenessProbe(), port, name + " liveness");
        checkProbeOnPort(c.getReadinessProbe(), port, name + " readiness");
        // The exporter's health endpoint: answers without a collection (MetricsServerTest).
        assertThat(c.getReadinessProbe().getHttpGet()).as(name + " readiness httpGet").isNotNull();
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo(MetricsServer.HEALTH_PATH);

        // Writable /tmp for the JVM, as the root file system is read-only.
        assertThat(c.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/tmp");
        Set<String> volumes = template.getSpec().getVolumes().stream().map(v -> v.getName()).collect(Collectors.toSet());
        assertThat(volumes).containsAll(c.getVolumeMounts().stream().map(VolumeMount::getName).toList());
        return c;
    }

    static void checkProbeOnPort(Probe probe, int port, String what) {
        assertThat(probe).as(what).isNotNull();
        Integer probed = probe.getHttpGet() != null ? probe.getHttpGet().getPort().getIntVal()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort().getIntVal() : null;
        assertThat(probed).as(what + " port").isEqualTo(port);
        assertThat(probe.getTimeoutSeconds()).as(what + " timeout").isNotNull();
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }

    // ------------------------------------------------------------------------------------------ Prometheus

    @Test
    void prometheusHasTheRbacItNeeds() {
        ClusterRole role = one(ClusterRole.class, "contiv-prometheus");
        PolicyRule pods = role.getRules().stream().filter(r -> r.getResources() != null && r.getResources().contains("pods"))
                .findFirst().orElseThrow();
        assertThat(pods.getApiGroups()).containsExactly("");
        assertThat(pods.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        PolicyRule metrics = role.getRules().stream().filter(r -> r.getNonResourceURLs() != null && !r.getNonResourceURLs().isEmpty()).findFirst().orElseThrow();
        assertThat(metrics.getNonResourceURLs()).containsExactly("/metrics");
        assertThat(metrics.getVerbs()).containsExactly("get");

        ClusterRoleBinding binding = one(ClusterRoleBinding.class, "contiv-prometheus");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("contiv-prometheus");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("contiv-prometheus");
            assertThat(s.getNamespace()).isEqualTo("kube-system");
        });
        one(io.fabric8.kubernetes.api.model.ServiceAccount.class, "contiv-prometheus");
    }

    @Test
    void prometheusRunsWithItsConfigMapAndIsExposedOnNodePort32700() {
        Deployment d = one(Deployment.class, "contiv-prometheus");
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("contiv-prometheus");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).startsWith("prom/prometheus:");
        assertThat(c.getArgs()).contains("--config.file=/etc/prometheus/prometheus.yml");
        VolumeMount config = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/etc/prometheus")).findFirst().orElseThrow();
        var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(config.getName())).findFirst().orElseThrow();
        assertThat(volume.getConfigMap().getName()).isEqualTo("contiv-prometheus-config");
        ConfigMap cm = one(ConfigMap.class, "contiv-prometheus-config");
        assertThat(cm.getData()).containsOnlyKeys("prometheus.yml", "alerts.yml");

        checkNodePort(one(Service.class, "contiv-prometheus"), d, 32700, 9090);
    }

    // ------------------------------------------------------------------------------------------ Grafana

    @Test
    void grafanaIsProvisionedAndExposedOnNodePort32701() {
        Deployment d = one(Deployment.class, "contiv-grafana");
        var pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).startsWith("grafana/grafana:");
        Map<String, String> mountedConfigMaps = c.getVolumeMounts().stream()
                .filter(m -> pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getConfigMap() != null))
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow().getConfigMap().getName()));
        assertThat(mountedConfigMaps)
                .containsEntry("/etc/grafana/provisioning/datasources", "contiv-grafana-datasources")
                .containsEntry("/etc/grafana/provisioning/dashboards", "contiv-grafana-dashboard-provider")
                .containsEntry("/etc/grafana/dashboards/contiv", "contiv-grafana-dashboards");

        var datasources = Manifests.readYaml(one(ConfigMap.class, "contiv-grafana-datasources").getData().get("datasources.yaml"));
        var ds = datasources.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://contiv-prometheus.kube-system.svc:9090");
        assertThat(ds.path("uid").asText()).isEqualTo("contiv-prometheus");

        var providers = Manifests.readYaml(one(ConfigMap.class, "contiv-grafana-dashboard-provider").getData().get("dashboards.yaml"));
        assertThat(providers.path("providers").get(0).path("options").path("path").asText()).isEqualTo("/etc/grafana/dashboards/contiv");
        assertThat(one(ConfigMap.class, "contiv-grafana-dashboards").getData()).containsOnlyKeys("contiv-exporter-dashboard.json");

        checkNodePort(one(Service.class, "contiv-grafana"), d, 32701, 3000);
    }

    static void checkNodePort(Service service, Deployment backend, int nodePort, int containerPort) {
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(backend.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(backend.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getNodePort()).isEqualTo(nodePort);
        Container c = backend.getSpec().getTemplate().getSpec().getContainers().get(0);
        String target = port.getTargetPort().getStrVal();
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getContainerPort()).isEqualTo(containerPort);
            assertThat(p.getName()).isEqualTo(target);
        });
    }

    // ------------------------------------------------------------------------------------------ Operator

    @Test
    void podMonitorScrapesBothSidecarsLikeThePlainConfig() {
        PodMonitor pm = one(PodMonitor.class, "contiv-exporter");
        assertThat(pm.getSpec().getNamespaceSelector().getMatchNames()).containsExactly("kube-system");
        var expr = pm.getSpec().getSelector().getMatchExpressions().get(0);
        assertThat(expr.getKey()).isEqualTo("k8s-app");
        assertThat(expr.getOperator()).isEqualTo("In");
        assertThat(expr.getValues()).containsExactlyInAnyOrder("contiv-netplugin", "contiv-netmaster");
        PodMetricsEndpoint ep = pm.getSpec().getPodMetricsEndpoints().get(0);
        assertThat(ep.getPort()).isEqualTo("contiv-metrics");
        assertThat(ep.getPath()).isEqualTo("/metrics");
        assertThat(ep.getInterval()).isEqualTo("5s");
        assertThat(ep.getRelabelings()).anySatisfy(r -> {
            assertThat(r.getTargetLabel()).isEqualTo("job");
            assertThat(r.getReplacement()).isEqualTo("contiv-exporter");
        });
        assertThat(ep.getRelabelings()).anySatisfy(r -> {
            assertThat(r.getAction()).isEqualTo("labeldrop");
            assertThat(r.getRegex()).isEqualTo("container");
        });
    }
}
