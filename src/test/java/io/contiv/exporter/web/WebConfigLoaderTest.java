package io.contiv.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file format: exporter-toolkit's keys, read strictly, each mistake one clear line naming the file. */
class WebConfigLoaderTest {

    private final TemporaryDirectory directory = TemporaryDirectory.create("contiv-web-config-");

    @AfterEach
    void cleanUp() {
        directory.close();
    }

    private WebSettings load(String yaml) throws WebConfigException {
        return WebConfigLoader.load(directory.write("web.yml", yaml));
    }

    private String error(String yaml) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
        assertThat(thrown).isInstanceOf(WebConfigException.class);
        String message = thrown.getMessage();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith(directory.resolve("web.yml").toString());
        return message;
    }

    @Test
    void anEmptyFileMeansPlainHttpForEveryone() throws Exception {
        WebSettings settings = load("");
        assertThat(settings.tlsEnabled()).isFalse();
        assertThat(settings.basicAuth()).isFalse();
        assertThat(settings.headers()).isEmpty();
        assertThat(load("# nothing\n").tlsEnabled()).isFalse();
        // the toolkit's defaults written out do not switch TLS on
        assertThat(load("tls_server_config: {min_version: TLS12}\nhttp_server_config: {http2: true}\n")
                .tlsEnabled()).isFalse();
    }

    @Test
    void unknownKeysAreRejectedWithTheirPathAndLine() {
        assertThat(error("tls_server_config:\n  cert_file: a\n  certfile: b\n"))
                .contains(":3").contains("unknown key 'tls_server_config.certfile'").contains("cert_file");
        assertThat(error("basic_auth_user:\n  a: b\n")).contains("unknown key 'basic_auth_user'")
                .contains("basic_auth_users");
        assertThat(error("http_server_config:\n  header: {}\n")).contains("'http_server_config.header'");
    }

    @Test
    void badYamlWrongTypesAndRepeatedKeysAreOneLine() {
        assertThat(error("tls_server_config: [1, 2]\n")).contains("tls_server_config");
        assertThat(error("basic_auth_users: a\n")).contains("basic_auth_users");
        assertThat(error("tls_server_config:\n  cipher_suites: {a: b}\n")).contains("cipher_suites");
        assertThat(error("basic_auth_users:\n  a: x\n  a: y\n")).containsIgnoringCase("duplicate");
        assertThat(error("tls_server_config: {\n")).contains("YAML");
        assertThat(error("rate_limit: {burst: many}\n")).contains("rate_limit.burst");
    }

    @Test
    void aMissingFileIsOneLine() {
        Path missing = directory.resolve("absent.yml");
        assertThatThrownBy(() -> WebConfigLoader.load(missing)).isInstanceOf(WebConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void headersAreTheToolkitsFiveWithTheirAllowedValues() throws Exception {
        WebSettings settings = load("""
                http_server_config:
                  headers:
                    Strict-Transport-Security: max-age=31536000
                    X-Content-Type-Options: nosniff
                    X-Frame-Options: sameorigin
                    X-XSS-Protection: '1; mode=block'
                    Content-Security-Policy: ''
                """);
        assertThat(settings.headers()).containsOnlyKeys("Strict-Transport-Security", "X-Content-Type-Options",
                "X-Frame-Options", "X-XSS-Protection");
        assertThat(error("http_server_config: {headers: {Server: me}}\n")).contains("'Server' can not be configured");
        assertThat(error("http_server_config: {headers: {X-Frame-Options: allow}}\n"))
                .contains("X-Frame-Options").contains("deny, sameorigin");
        assertThat(error("http_server_config: {headers: {X-XSS-Protection: \"1\\r\\nSet-Cookie: a=b\"}}\n"))
                .contains("control character");
    }

    @Test
    void basicAuthUsersNeedBcryptHashes() throws Exception {
        String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        assertThat(load("basic_auth_users: {prometheus: '" + hash + "'}\n").users())
                .containsEntry("prometheus", hash);
        assertThat(load("basic_auth_users: {p: '$2y$05$abcdefghijklmnopqrstuuyiBEYE9gAbj4CopDfsmspBj3KMuRWOa'}\n")
                .basicAuth()).isTrue();
        assertThat(error("basic_auth_users: {prometheus: secret}\n"))
                .contains("user 'prometheus'").contains("not a bcrypt hash");
        assertThat(error("basic_auth_users: {prometheus: }\n")).contains("not a bcrypt hash");
    }

    @Test
    void tlsSettingsAreCheckedAsTheToolkitChecksThem() {
        assertThat(error("tls_server_config: {cert_file: a.crt}\n")).contains("missing one of key or key_file");
        assertThat(error("tls_server_config: {key_file: a.key}\n")).contains("missing one of cert or cert_file");
        assertThat(error("tls_server_config: {client_auth_type: RequireAndVerifyClientCert}\n"))
                .contains("missing one of cert");
        assertThat(error("tls_server_config: {cert_file: nope.crt, key_file: nope.key}\n"))
                .contains("cert_file").contains("nope.crt");
    }

    @Test
    void goDurationsAsTheToolkitWritesThem() throws Exception {
        assertThat(WebSettings.goDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebSettings.goDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(WebSettings.goDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(WebSettings.goDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(WebSettings.goDuration("0")).isZero();
        assertThatThrownBy(() -> WebSettings.goDuration("5 seconds")).isInstanceOf(WebConfigException.class);
        assertThatThrownBy(() -> WebSettings.goDuration("5")).isInstanceOf(WebConfigException.class);
        assertThat(error("rate_limit: {interval: 1s}\n")).contains("rate_limit.burst");
    }

    @Test
    void parseNamesTheSourceOnUnreadableBytes() {
        assertThatThrownBy(() -> WebConfigLoader.parse("\u0000\u0001: [".getBytes(StandardCharsets.UTF_8), "x.yml"))
                .isInstanceOf(WebConfigException.class).hasMessageStartingWith("x.yml");
    }
}
