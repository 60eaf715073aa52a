package io.contiv.exporter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides whether a test that needs real programs runs. A missing program skips the test, unless
 * CONTIV_EXPORTER_REQUIRE_REAL=1 is set (CI), where it fails so that nothing is silently skipped.
 */
public final class Requirements {

    public static final String STRICT_VARIABLE = "CONTIV_EXPORTER_REQUIRE_REAL";

    private final Binaries binaries;
    private final Map<String, String> environment;
    private final BooleanSupplier isRoot;

    public Requirements(Binaries binaries, Map<String, String> environment, BooleanSupplier isRoot) {
        this.binaries = binaries;
        this.environment = Map.copyOf(environment);
        this.isRoot = isRoot;
    }

    public static Requirements fromEnvironment() {
        return new Requirements(Binaries.fromEnvironment(), System.getenv(), Requirements::currentUserIsRoot);
    }

    public boolean strict() {
        return "1".equals(environment.get(STRICT_VARIABLE));
    }

    public void requireBinaries(String... names) {
        requireBinaries(Arrays.asList(names));
    }

    public void requireBinaries(List<String> names) {
        List<String> missing = names.stream().filter(name -> binaries.find(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            unmet("missing executables " + missing + " (looked in PATH, /usr/sbin, /sbin)");
        }
    }

    public void requireRoot() {
        if (!isRoot.getAsBoolean()) {
            unmet("this test must run as root");
        }
    }

    private void unmet(String reason) {
        if (strict()) {
            Assertions.fail(reason + "; failing because " + STRICT_VARIABLE + "=1");
        }
        Assumptions.abort(reason + "; skipped (set " + STRICT_VARIABLE + "=1 to fail instead)");
    }

    static boolean currentUserIsRoot() {
        try {
            // /proc/self belongs to the effective user of this process.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
