package io.contiv.exporter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exporter never starts a process, so it never runs a shell (the original built an ovs-vsctl command line as a
 * string). Checked on the compiled classes: no class of the product, the simulation included, refers to
 * ProcessBuilder, Process or Runtime.exec, by class, call, descriptor or reflective name.
 */
class NoProcessesNoShellTest {

    private static final Path PRODUCT = Path.of("target", "classes", "io", "contiv", "exporter");
    private static final Path TESTS = Path.of("target", "test-classes", "io", "contiv", "exporter");

    @Test
    void noProductClassStartsAProcess() {
        List<Path> classes = classFiles(PRODUCT);
        assertThat(classes).as("compiled product classes under " + PRODUCT).hasSizeGreaterThan(50);
        assertThat(classes).anyMatch(path -> path.toString().contains("simulation"));
        List<String> offenders = new ArrayList<>();
        for (Path file : classes) {
            offenders.addAll(processUses(file));
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theScanFindsProcessUseWhereThereIsSome() {
        // the test harness does start processes (ovsdb-server, etcd, prometheus): the scan must see them
        Path runner = TESTS.resolve(Path.of("testing", "CommandRunner.class"));
        assertThat(processUses(runner)).isNotEmpty();
    }

    @Test
    void noSourceFileOfTheProductMentionsProcessCreation() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            List<String> offenders = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> {
                        String text = read(path);
                        return text.contains("ProcessBuilder") || text.contains("Runtime.getRuntime().exec")
                                || text.contains(".exec(");
                    })
                    .map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    static List<String> processUses(Path classFile) {
        List<String> uses = new ArrayList<>();
        try {
            ClassReferences references = ClassReferences.read(Files.readAllBytes(classFile));
            for (String name : references.classes()) {
                if (name.equals("java/lang/ProcessBuilder") || name.startsWith("java/lang/ProcessBuilder$")
                        || name.equals("java/lang/Process")) {
                    uses.add(classFile + " names " + name);
                }
            }
            for (String method : references.methods()) {
                if (method.equals("java/lang/Runtime.exec") || method.startsWith("java/lang/ProcessBuilder.")) {
                    uses.add(classFile + " calls " + method);
                }
            }
            for (String text : references.utf8()) {
                if (text.contains("java/lang/ProcessBuilder") || text.contains("java.lang.ProcessBuilder")
                        || text.contains("Ljava/lang/Process;") || text.equals("java.lang.Process")) {
                    uses.add(classFile + " mentions " + text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static List<Path> classFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
