package io.contiv.exporter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** deploy/Dockerfile and the Jib profile "image" of pom.xml describe the same image. */
class ContainerImageTest {

    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String t = line.strip();
            if (current.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                current.append(t);
                out.add(current.toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void dockerfileIsMultiStageNonRootWithExecFormEntrypoint() {
        List<String> ins = instructions(DeployFiles.read(DeployFiles.deploy("Dockerfile")));
        List<String> from = ins.stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(from).containsExactly("FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre");
        int runtime = ins.indexOf("FROM eclipse-temurin:17-jre");
        List<String> last = ins.subList(runtime, ins.size());
        assertThat(last).contains("USER 65532:65532", "EXPOSE 9004 9005",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/contiv-exporter.jar\"]", "CMD [\"serve\"]");
        assertThat(last).anyMatch(i -> i.startsWith("COPY --from=build ") && i.endsWith(" /app/contiv-exporter.jar"));
        // Exec form only: no shell in between, signals reach the JVM.
        assertThat(ins).filteredOn(i -> i.startsWith("ENTRYPOINT") || i.startsWith("CMD")).allMatch(i -> i.contains("[\""));
        assertThat(last.get(last.size() - 1)).startsWith("CMD");
    }

    @Test
    void jibProfileBuildsTheSameImageIntoATar() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DeployFiles.projectRoot().resolve("pom.xml").toFile());
        Element profile = null;
        NodeList profiles = doc.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if ("image".equals(text(p, "id"))) {
                profile = p;
            }
        }
        assertThat(profile).as("Maven profile 'image'").isNotNull();
        Element plugin = (Element) profile.getElementsByTagName("plugin").item(0);
        assertThat(text(plugin, "artifactId")).isEqualTo("jib-maven-plugin");
        assertThat(text(plugin, "version")).isEqualTo("3.5.2");
        assertThat(text(child(plugin, "configuration", "from"), "image")).isEqualTo("eclipse-temurin:17-jre");
        assertThat(text(child(plugin, "configuration", "outputPaths"), "tar")).isEqualTo("${project.build.directory}/jib-image.tar");
        Element container = child(plugin, "configuration", "container");
        assertThat(list(child(container, "entrypoint"), "arg")).containsExactly("java", "-jar", "/app/contiv-exporter.jar");
        assertThat(list(child(container, "args"), "arg")).containsExactly("serve");
        assertThat(list(child(container, "ports"), "port")).containsExactly("9004", "9005");
        assertThat(text(container, "user")).isEqualTo("65532:65532");
        assertThat(plugin.getElementsByTagName("goal").item(0).getTextContent()).isEqualTo("buildTar");
        assertThat(text(child(plugin, "configuration", "container", "environment"), "JAVA_TOOL_OPTIONS"))
                .isEqualTo(instructions(DeployFiles.read(DeployFiles.deploy("Dockerfile"))).stream()
                        .filter(i -> i.startsWith("ENV JAVA_TOOL_OPTIONS=")).findFirst().orElseThrow()
                        .replaceFirst("ENV JAVA_TOOL_OPTIONS=\"(.*)\"", "$1"));
    }

    /** The image both builds make is the one the sidecar patches run and the deployment guide names. */
    @Test
    void theManifestsRunTheImageTheBuildsMake() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFiles.projectRoot().resolve("pom.xml").toFile());
        String version = text(doc.getDocumentElement(), "version");
        String image = "contiv/contiv-exporter:" + version;
        NodeList images = doc.getElementsByTagName("image");
        List<String> jibImages = new ArrayList<>();
        for (int i = 0; i < images.getLength(); i++) {
            jibImages.add(images.item(i).getTextContent().trim());
        }
        assertThat(jibImages).contains("contiv/contiv-exporter:${project.version}");
        assertThat(DeployFiles.read(DeployFiles.deploy("Dockerfile"))).contains("-t " + image + " ");
        for (String patch : List.of("netplugin-exporter-patch.yaml", "netmaster-exporter-patch.yaml")) {
            List<String> used = DeployFiles.read(DeployFiles.kubernetes().resolve("contiv-sidecars").resolve(patch))
                    .lines().map(String::trim).filter(l -> l.startsWith("image:")).toList();
            assertThat(used).as(patch).containsExactly("image: " + image);
        }
        assertThat(DeployFiles.read(DeployFiles.deploy("README.md"))).contains(image);
    }

    /**
     * Both images run {@code java -jar} on the shaded jar, so the jar's manifest decides what starts: the shade
     * plugin's Main-Class must be the application's entry point, and both images must copy the jar Maven builds.
     */
    @Test
    void bothImagesRunTheShadedJarWhoseMainClassIsTheApplication() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFiles.projectRoot().resolve("pom.xml").toFile());
        Element project = doc.getDocumentElement();
        String finalName = text(child(project, "build"), "finalName");
        assertThat(finalName).isEqualTo("contiv-exporter");

        String mainClass = null;
        NodeList transformers = doc.getElementsByTagName("transformer");
        for (int i = 0; i < transformers.getLength(); i++) {
            Element t = (Element) transformers.item(i);
            if (t.getAttribute("implementation").endsWith(".ManifestResourceTransformer")) {
                mainClass = text(t, "mainClass");
            }
        }
        assertThat(mainClass).as("shade ManifestResourceTransformer mainClass").isEqualTo("io.contiv.exporter.app.Main");
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers())).isTrue();

        // Dockerfile: the build stage copies Maven's jar out, the runtime stage runs it.
        List<String> ins = instructions(DeployFiles.read(DeployFiles.deploy("Dockerfile")));
        assertThat(ins).anyMatch(i -> i.startsWith("RUN ") && i.contains("mvn ") && i.contains(" package")
                && i.contains("cp target/" + finalName + ".jar /build/contiv-exporter.jar"));
        assertThat(ins).contains("COPY --from=build --chown=0:0 --chmod=0444 /build/contiv-exporter.jar /app/contiv-exporter.jar");
        // Jib: the same jar (not Jib's own class layers, which are filtered out) at the same place.
        Element profile = null;
        NodeList profiles = doc.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            if ("image".equals(text((Element) profiles.item(i), "id"))) {
                profile = (Element) profiles.item(i);
            }
        }
        Element path = child((Element) profile.getElementsByTagName("plugin").item(0),
                "configuration", "extraDirectories", "paths", "path");
        assertThat(text(path, "from")).isEqualTo("${project.build.directory}");
        assertThat(text(path, "into")).isEqualTo("/app");
        assertThat(text(path, "includes")).isEqualTo("${project.build.finalName}.jar");
    }

    private static Element child(Element parent, String... path) {
        Element e = parent;
        for (String name : path) {
            Element next = null;
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals(name)) {
                    next = c;
                    break;
                }
            }
            assertThat(next).as("<" + name + "> in <" + e.getTagName() + ">").isNotNull();
            e = next;
        }
        return e;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static List<String> list(Element parent, String name) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c.getTextContent().strip());
            }
        }
        return out;
    }
}
