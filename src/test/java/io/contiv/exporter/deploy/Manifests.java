package io.contiv.exporter.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict reading of the YAML under deploy/: every Kubernetes document into fabric8's Kubernetes object model
 * with unknown fields rejected.
 *
 * <p>fabric8's model classes keep unknown fields in an "additionalProperties" map (a Jackson any-setter), so
 * FAIL_ON_UNKNOWN_PROPERTIES alone would accept any typo. The mapper here removes those any-setters from
 * fabric8's classes, so an unknown field fails with the path to it. It also refuses a number or boolean where
 * the model has a string (an unquoted {@code prometheus.io/port: 9004} annotation, which the API server
 * rejects too) and duplicate keys.
 */
final class Manifests {

    private Manifests() {}

    /** The only API versions the manifests may use: current ones. */
    static final List<String> CURRENT_API_VERSIONS =
            List.of("v1", "apps/v1", "rbac.authorization.k8s.io/v1", "monitoring.coreos.com/v1");

    /** kustomize's own file format (current; there is no v1), allowed only for kustomization.yaml. */
    static final String KUSTOMIZE_API_VERSION = "kustomize.config.k8s.io/v1beta1";

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/ReplicaSet", ReplicaSet.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry(KUSTOMIZE_API_VERSION + "/Kustomization", Kustomization.class));

    static final YAMLMapper YAML = yamlMapper();

    /** Maps trees onto classes: strict, see the class comment. */
    static final ObjectMapper STRICT = strictMapper();

    /** One YAML document of a file. */
    record Document(Path file, int index, JsonNode tree) {
        String where() {
            return DeployFiles.projectRoot().relativize(file.toAbsolutePath()) + " (document " + (index + 1) + ")";
        }

        String apiVersion() {
            return tree.path("apiVersion").asText("");
        }

        String kind() {
            return tree.path("kind").asText("");
        }
    }

    /** A document mapped onto its model class. */
    record Manifest(Document document, Object object) {
        <T> T as(Class<T> type) {
            return type.cast(object);
        }
    }

    private static YAMLMapper yamlMapper() {
        YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder().build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule noAnySetters = new SimpleModule("fabric8-no-additional-properties");
        noAnySetters.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(
                    DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        mapper.registerModule(noAnySetters);
        return mapper;
    }

    /** Every YAML document of a file (empty documents, such as after a trailing "---", left out). */
    static List<Document> documents(Path file) {
        List<Document> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (it.hasNext()) {
                JsonNode tree = it.next();
                if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                    documents.add(new Document(file, index, tree));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + " as YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /** A YAML file holding one document. */
    static JsonNode readYaml(Path file) {
        List<Document> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + documents.size() + " YAML documents, not 1");
        }
        return documents.get(0).tree();
    }

    /** YAML text holding one document. */
    static JsonNode readYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
    }

    /** The model class for this apiVersion and kind, or an exception naming what is not allowed. */
    static Class<?> modelClass(String apiVersion, String kind) {
        Class<?> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            throw new IllegalArgumentException("apiVersion " + apiVersion + " kind " + kind
                    + " is not a current Kubernetes API version/kind known to these checks");
        }
        return type;
    }

    /** Maps a document onto its model class, strictly. */
    static Manifest parse(Document document) {
        Class<?> type = modelClass(document.apiVersion(), document.kind());
        try {
            return new Manifest(document, STRICT.treeToValue(document.tree(), type));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalArgumentException(document.where() + ": " + e.getOriginalMessage()
                    + " at " + e.getPathReference(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(document.where() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Every Kubernetes document in the YAML files under {@code dir}, parsed. */
    static List<Manifest> parseAll(Path dir) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : DeployFiles.yamlFiles(dir)) {
            for (Document document : documents(file)) {
                manifests.add(parse(document));
            }
        }
        return manifests;
    }

    /** Parses YAML text (such as kubectl kustomize's output) into manifests. */
    static List<Manifest> parseText(String yaml, Path pretendFile) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (it.hasNext()) {
                JsonNode tree = it.next();
                if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                    manifests.add(parse(new Document(pretendFile, index, tree)));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    /** The fields of kustomization.yaml used here; any other field is rejected. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Kustomization(
            String apiVersion,
            String kind,
            String namespace,
            List<String> resources,
            List<Patch> patches,
            Map<String, String> commonLabels,
            Map<String, String> commonAnnotations) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Patch(String path, String patch, PatchTarget target) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record PatchTarget(
            String group,
            String version,
            String kind,
            String name,
            String namespace,
            String labelSelector,
            String annotationSelector) {}
}
