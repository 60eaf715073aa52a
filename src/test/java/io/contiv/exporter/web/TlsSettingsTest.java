package io.contiv.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contiv.exporter.testing.TestPki;
import io.contiv.exporter.tls.Pem;
import io.contiv.exporter.tls.PemException;
import java.security.PrivateKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys in every PEM form openssl writes, and the TLS options mapped to the JDK or refused clearly. */
class TlsSettingsTest {

    private static TestPki pki;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        pki.openssl("genrsa", "-traditional", "-out", pki.path("pkcs1.key"), "2048");
        pki.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", pki.path("sec1.key"));
        pki.openssl("pkcs8", "-topk8", "-nocrypt", "-in", pki.path("sec1.key"), "-out", pki.path("ec-pkcs8.key"));
        pki.openssl("genpkey", "-algorithm", "ed25519", "-out", pki.path("ed25519.key"));
        pki.openssl("pkcs8", "-topk8", "-in", pki.path("server.key"), "-out", pki.path("encrypted.key"),
                "-passout", "pass:secret");
        pki.openssl("rsa", "-in", pki.path("pkcs1.key"), "-out", pki.path("legacy-encrypted.key"), "-traditional",
                "-aes128", "-passout", "pass:secret");
        pki.openssl("req", "-x509", "-key", pki.path("sec1.key"), "-out", pki.path("ec.crt"), "-subj", "/CN=ec",
                "-days", "2");
    }

    @AfterAll
    static void tearDown() {
        if (pki != null) {
            pki.close();
        }
    }

    @Test
    void readsPkcs8Pkcs1Sec1AndEd25519Keys() throws Exception {
        assertThat(key("server.key").getAlgorithm()).isEqualTo("RSA"); // openssl req -newkey rsa:2048 -nodes
        assertThat(pki.read("server.key")).contains("BEGIN PRIVATE KEY");
        assertThat(pki.read("pkcs1.key")).contains("BEGIN RSA PRIVATE KEY");
        assertThat(key("pkcs1.key").getAlgorithm()).isEqualTo("RSA");
        assertThat(pki.read("sec1.key")).contains("BEGIN EC PRIVATE KEY");
        assertThat(key("sec1.key").getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) key("sec1.key")).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) key("ec-pkcs8.key")).getS());
        assertThat(key("ed25519.key").getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void encryptedKeysAreRefusedSayingSo() {
        assertThat(catchThrowable(() -> key("encrypted.key"))).hasMessageContaining("encrypted");
        assertThat(catchThrowable(() -> key("legacy-encrypted.key"))).hasMessageContaining("encrypted");
        assertThat(catchThrowable(() -> Pem.privateKey(pki.read("server.crt"), "k")))
                .hasMessageContaining("no PEM PRIVATE KEY");
        assertThat(catchThrowable(() -> Pem.certificates(pki.read("server.key"), "c")))
                .hasMessageContaining("no PEM CERTIFICATE");
    }

    @Test
    void anEcCertificateWithItsSec1KeyLoads() throws Exception {
        TlsSettings tls = tls("{cert_file: ec.crt, key_file: sec1.key}");
        assertThat(tls.key().getAlgorithm()).isEqualTo("EC");
        assertThat(tls.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NO_CLIENT_CERT);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        assertThat(error("{cert_file: server.crt, key_file: pkcs1.key}")).contains("does not match");
        assertThat(error("{cert_file: ec.crt, key_file: ec-pkcs8.key}")).isNull();
        assertThat(error("{cert_file: ec.crt, key_file: server.key}")).contains("does not match");
    }

    @Test
    void inlineCertificateAndKeyWorkLikeFiles() throws Exception {
        String yaml = "tls_server_config:\n  cert: |\n" + indent(pki.read("server.crt")) + "  key: |\n"
                + indent(pki.read("server.key"));
        WebSettings settings = WebConfigLoader.load(pki.write("inline.yml", yaml));
        assertThat(settings.tls().chain()).hasSize(1);
        assertThat(settings.files()).containsExactly(pki.file("inline.yml"));
    }

    @Test
    void clientAuthPoliciesAndTheirCas() throws Exception {
        assertThat(tls("{cert_file: server.crt, key_file: server.key, client_ca_file: client-ca.crt, "
                + "client_auth_type: RequireAndVerifyClientCert}").clientAuth())
                .isEqualTo(ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
        assertThat(tls("{cert_file: server.crt, key_file: server.key, client_auth_type: RequireClientCert}")
                .clientAuth()).isEqualTo(ClientAuth.REQUIRE_ANY_CLIENT_CERT);
        assertThat(tls("{cert_file: server.crt, key_file: server.key, client_auth_type: RequestClientCert}")
                .clientAuth()).isEqualTo(ClientAuth.REQUEST_CLIENT_CERT);
        assertThat(error("{cert_file: server.crt, key_file: server.key, client_ca_file: client-ca.crt}"))
                .contains("without a client_auth_type");
        assertThat(error("{cert_file: server.crt, key_file: server.key, client_auth_type: RequireAndVerifyClientCert}"))
                .contains("needs client_ca_file");
        assertThat(error("{cert_file: server.crt, key_file: server.key, client_auth_type: Always}"))
                .contains("invalid value 'Always'").contains("RequireAndVerifyClientCert");
        assertThat(error("{cert_file: server.crt, key_file: server.key, client_ca_file: client-ca.crt, "
                + "client_auth_type: VerifyClientCertIfGiven, client_allowed_sans: [a]}"))
                .contains("client_allowed_sans requires");
    }

    @Test
    void versionsAndCipherSuitesMapToTheJdkOthersAreRefused() throws Exception {
        TlsSettings tls = tls("{cert_file: server.crt, key_file: server.key, min_version: TLS13}");
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        tls = tls("{cert_file: server.crt, key_file: server.key, max_version: TLS12, "
                + "cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305], "
                + "prefer_server_cipher_suites: false}");
        assertThat(tls.protocols()).containsExactly("TLSv1.2");
        assertThat(tls.cipherSuites()).startsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256").contains("TLS_AES_128_GCM_SHA256");
        assertThat(tls.preferServerCipherSuites()).isFalse();
        assertThat(error("{cert_file: server.crt, key_file: server.key, min_version: TLS13, max_version: TLS12}"))
                .contains("above max_version");
        assertThat(error("{cert_file: server.crt, key_file: server.key, min_version: SSL3}"))
                .contains("unknown TLS version 'SSL3'");
        assertThat(error("{cert_file: server.crt, key_file: server.key, cipher_suites: [TLS_MADE_UP]}"))
                .contains("'TLS_MADE_UP'");
        assertThat(error("{cert_file: server.crt, key_file: server.key, curve_preferences: [X25519]}"))
                .contains("curve_preferences is not supported");
    }

    private static PrivateKey key(String name) throws PemException {
        return Pem.privateKey(pki.read(name), name);
    }

    private static TlsSettings tls(String section) throws WebConfigException {
        return WebConfigLoader.load(pki.write("tls.yml", "tls_server_config: " + section + "\n")).tls();
    }

    /** The error's message, or null when the section loads. */
    private static String error(String section) {
        Throwable thrown = catchThrowable(() -> tls(section));
        if (thrown == null) {
            return null;
        }
        assertThat(thrown).isInstanceOf(WebConfigException.class);
        assertThat(thrown.getMessage().lines()).hasSize(1);
        return thrown.getMessage();
    }

    private static String indent(String text) {
        return text.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }

}
