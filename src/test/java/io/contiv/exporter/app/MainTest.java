package io.contiv.exporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.http.ListenAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheCommandsAndServeHelpListsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("serve", "once");

        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--mode", "--web.listen-address", "--web.telemetry-path", "--etcd",
                "--netmaster", "--ovsdb", "--metric-names", "EXPORTER_MODE", "CONTIV_ETCD", "OVSDB_ADDRESS");
    }

    @Test
    void versionNamesTheProduct() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("contiv-exporter ");
    }

    @Test
    void aWrongOptionGetsOneClearLine() {
        assertThat(run("--mode", "switch")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("--mode").contains("switch").doesNotContain("Exception");

        err.getBuffer().setLength(0);
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void aMissingUpstreamIsOneClearLine() {
        assertThat(run("once", "--etcd", "", "--netmaster", "")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("--etcd").contains("--netmaster");
    }

    @Test
    void listenAddressDefaultsFollowTheMode() {
        assertThat(ListenAddress.parse(":9004")).isEqualTo(new ListenAddress("", 9004));
        assertThat(ListenAddress.parse("[::1]:9005")).isEqualTo(new ListenAddress("::1", 9005));
        assertThat(Mode.NETPLUGIN.defaultPort()).isEqualTo(9004);
        assertThat(Mode.NETMASTER.defaultPort()).isEqualTo(9005);
    }

    @Test
    void aBadWebConfigurationStopsServeWithOneClearLine() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("contiv-web", ".yml");
        try {
            java.nio.file.Files.writeString(config, "tls_server_config:\n  cert_fil: x.crt\n");
            assertThat(run("serve", "--netmaster", "127.0.0.1:1", "--web.config.file", config.toString()))
                    .isEqualTo(1);
            assertThat(err.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains(config.toString()).contains("unknown key 'tls_server_config.cert_fil'")
                    .doesNotContain("Exception");
        } finally {
            java.nio.file.Files.delete(config);
        }
    }
}
