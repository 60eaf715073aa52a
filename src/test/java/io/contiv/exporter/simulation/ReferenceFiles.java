package io.contiv.exporter.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reference netmaster payloads in {@code shared/reference/netmaster/}, beside the repository (as
 * in the worktrees and in CI's checkout) or at {@code /work/shared}.
 */
public final class ReferenceFiles {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("..", "shared", "reference", "netmaster"),
            Path.of("/work", "shared", "reference", "netmaster"));

    private ReferenceFiles() {
    }

    public static Path netmasterDirectory() {
        return CANDIDATES.stream()
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("reference payloads not found in " + CANDIDATES));
    }

    public static byte[] netmaster(String fileName) {
        try {
            return Files.readAllBytes(netmasterDirectory().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
