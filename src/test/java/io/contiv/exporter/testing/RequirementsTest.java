package io.contiv.exporter.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    private static final Map<String, String> STRICT = Map.of(Requirements.STRICT_VARIABLE, "1");

    @TempDir
    Path bin;

    @Test
    void presentBinaryPasses() throws IOException {
        executable("fake-ovsdb-server");
        Requirements requirements = new Requirements(new Binaries(bin.toString()), STRICT, () -> true);

        assertThatCode(() -> requirements.requireBinaries("fake-ovsdb-server")).doesNotThrowAnyException();
    }

    @Test
    void missingBinarySkipsByDefault() {
        Requirements requirements = new Requirements(new Binaries(bin.toString()), Map.of(), () -> true);

        assertThatThrownBy(() -> requirements.requireBinaries("no-such-program-xyz"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no-such-program-xyz");
    }

    @Test
    void missingBinaryFailsWhenRealProgramsAreRequired() {
        Requirements requirements = new Requirements(new Binaries(bin.toString()), STRICT, () -> true);

        assertThatThrownBy(() -> requirements.requireBinaries("no-such-program-xyz"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no-such-program-xyz")
                .hasMessageContaining(Requirements.STRICT_VARIABLE);
    }

    @Test
    void nonRootSkipsOrFailsTheSameWay() {
        Binaries binaries = new Binaries(bin.toString());

        assertThatThrownBy(() -> new Requirements(binaries, Map.of(), () -> false).requireRoot())
                .isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> new Requirements(binaries, STRICT, () -> false).requireRoot())
                .isInstanceOf(AssertionFailedError.class);
        assertThatCode(() -> new Requirements(binaries, STRICT, () -> true).requireRoot())
                .doesNotThrowAnyException();
    }

    @Test
    void sbinIsSearchedEvenWhenNotOnPath() {
        Binaries binaries = new Binaries(bin.toString());

        // ip lives in /usr/sbin (iproute2) or /sbin on Debian; skip on images without it.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip"))
                || Files.isExecutable(Path.of("/sbin/ip")));
        assertThatCode(() -> binaries.require("ip")).doesNotThrowAnyException();
    }

    private void executable(String name) throws IOException {
        Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
