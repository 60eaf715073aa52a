package io.contiv.exporter.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Locates executables on PATH and in the sbin directories, which a non-root PATH often lacks. */
public final class Binaries {

    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private final List<Path> directories;

    public Binaries(String pathVariable) {
        List<Path> found = new ArrayList<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    found.add(Path.of(entry));
                }
            }
        }
        EXTRA_DIRECTORIES.stream().map(Path::of).forEach(found::add);
        this.directories = List.copyOf(found);
    }

    public static Binaries fromEnvironment() {
        return new Binaries(System.getenv("PATH"));
    }

    public Optional<Path> find(String name) {
        return directories.stream()
                .map(directory -> directory.resolve(name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    public Path require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                "executable '" + name + "' not found in " + directories));
    }
}
