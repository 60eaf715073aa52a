package io.contiv.exporter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The image runs the exporter as a non-root user and starts the JVM directly: exec-form ENTRYPOINT and CMD (JSON
 * arrays, no {@code sh -c} in between), no shell as the program, no SHELL override in the runtime stage.
 */
class NonRootContainerTest {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash",
            "/usr/bin/sh", "/usr/bin/bash", "/bin/ash", "/bin/dash");

    @Test
    void theRuntimeStageRunsAsANumericNonRootUser() throws IOException {
        List<String> runtime = runtimeStage();
        List<String> users = runtime.stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1).substring(5).strip();
        String uid = user.split(":")[0];
        assertThat(uid).as("numeric, so that Kubernetes' runAsNonRoot can check it").matches("[0-9]+");
        assertThat(Long.parseLong(uid)).isNotZero();
        if (user.contains(":")) {
            assertThat(Long.parseLong(user.split(":")[1])).as("group").isNotZero();
        }
    }

    @Test
    void entrypointAndCmdAreExecFormWithoutAShell() throws IOException {
        List<String> runtime = runtimeStage();
        ObjectMapper json = new ObjectMapper();
        for (String keyword : List.of("ENTRYPOINT ", "CMD ")) {
            List<String> found = runtime.stream().filter(i -> i.startsWith(keyword)).toList();
            assertThat(found).as(keyword).hasSize(1);
            JsonNode array = json.readTree(found.get(0).substring(keyword.length()));
            assertThat(array.isArray()).as(found.get(0) + " is exec form").isTrue();
            assertThat(array).allMatch(JsonNode::isTextual);
            assertThat(array.get(0).asText()).isNotIn(SHELLS);
            assertThat(array.toString()).doesNotContain("\"-c\"");
        }
        assertThat(runtime).noneMatch(i -> i.startsWith("SHELL "));
        JsonNode entrypoint = json.readTree(runtime.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow().substring("ENTRYPOINT ".length()));
        assertThat(entrypoint.get(0).asText()).isEqualTo("java");
    }

    /** The instructions after the last FROM, continuation lines joined, comments dropped. */
    private static List<String> runtimeStage() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("deploy", "Dockerfile"))) {
            String text = line.strip();
            if (current.length() == 0 && (text.isEmpty() || text.startsWith("#"))) {
                continue;
            }
            if (text.endsWith("\\")) {
                current.append(text, 0, text.length() - 1).append(' ');
            } else {
                current.append(text);
                instructions.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).toUpperCase().startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        assertThat(lastFrom).as("a FROM in deploy/Dockerfile").isNotNegative();
        return instructions.subList(lastFrom + 1, instructions.size());
    }
}
