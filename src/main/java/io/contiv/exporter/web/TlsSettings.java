package io.contiv.exporter.web;

import io.contiv.exporter.tls.CertifiedKey;
import io.contiv.exporter.tls.Pem;
import io.contiv.exporter.tls.PemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The {@code tls_server_config} section checked and loaded: key and certificate chain, client CAs, the client
 * certificate policy, protocol versions and cipher suites, in the JDK's terms.
 */
record TlsSettings(
        PrivateKey key,
        List<X509Certificate> chain,
        List<X509Certificate> clientCas,
        ClientAuth clientAuth,
        List<String> clientAllowedSans,
        List<String> protocols,
        List<String> cipherSuites,
        boolean preferServerCipherSuites,
        List<Path> files) {

    private static final Map<String, String> VERSIONS = Map.of(
            "TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    private static final List<String> ORDER = List.of("TLS10", "TLS11", "TLS12", "TLS13");

    /** Whether the section asks for TLS at all: as in the toolkit, any certificate, key, client CA or policy. */
    static boolean enabled(WebConfig.Tls tls) {
        return tls != null && (present(tls.certFile()) || present(tls.cert()) || present(tls.keyFile())
                || present(tls.key()) || present(tls.clientCaFile()) || present(tls.clientCa())
                || present(tls.clientAuthType()));
    }

    static TlsSettings from(WebConfig.Tls tls, Path directory) throws WebConfigException {
        List<Path> files = new ArrayList<>();
        if (present(tls.certFile()) && present(tls.cert())) {
            throw new WebConfigException("tls_server_config: give cert_file or cert, not both");
        }
        if (present(tls.keyFile()) && present(tls.key())) {
            throw new WebConfigException("tls_server_config: give key_file or key, not both");
        }
        if (present(tls.clientCaFile()) && present(tls.clientCa())) {
            throw new WebConfigException("tls_server_config: give client_ca_file or client_ca, not both");
        }
        if (!present(tls.certFile()) && !present(tls.cert())) {
            throw new WebConfigException("tls_server_config: missing one of cert or cert_file");
        }
        if (!present(tls.keyFile()) && !present(tls.key())) {
            throw new WebConfigException("tls_server_config: missing one of key or key_file");
        }
        String certText = present(tls.cert()) ? tls.cert() : read(directory, tls.certFile(), "cert_file", files);
        String keyText = present(tls.key()) ? tls.key() : read(directory, tls.keyFile(), "key_file", files);
        List<X509Certificate> chain = certificates(certText, "tls_server_config." + (present(tls.cert())
                ? "cert" : "cert_file " + tls.certFile()));
        PrivateKey key;
        try {
            key = Pem.privateKey(keyText, "tls_server_config." + (present(tls.key())
                    ? "key" : "key_file " + tls.keyFile()));
        } catch (PemException e) {
            throw new WebConfigException(e.getMessage(), e);
        }
        if (!new CertifiedKey(key, chain).keyMatchesCertificate()) {
            throw new WebConfigException("tls_server_config: the private key does not match the certificate");
        }

        List<X509Certificate> clientCas = List.of();
        if (present(tls.clientCaFile()) || present(tls.clientCa())) {
            String caText = present(tls.clientCa()) ? tls.clientCa()
                    : read(directory, tls.clientCaFile(), "client_ca_file", files);
            clientCas = certificates(caText, "tls_server_config." + (present(tls.clientCa())
                    ? "client_ca" : "client_ca_file " + tls.clientCaFile()));
        }
        ClientAuth clientAuth = ClientAuth.parse(tls.clientAuthType());
        if (!clientCas.isEmpty() && clientAuth == ClientAuth.NO_CLIENT_CERT) {
            throw new WebConfigException("tls_server_config: client CAs are configured without a client_auth_type "
                    + "(RequireAndVerifyClientCert authenticates clients)");
        }
        if (clientAuth.verify && clientCas.isEmpty()) {
            throw new WebConfigException("tls_server_config: client_auth_type " + clientAuth.goName
                    + " needs client_ca_file (or client_ca) to verify client certificates against");
        }
        List<String> sans = tls.clientAllowedSans() == null ? List.of() : List.copyOf(tls.clientAllowedSans());
        if (tls.clientAllowedSans() != null && !clientAuth.need) {
            throw new WebConfigException("tls_server_config: client_allowed_sans requires client_auth_type to be "
                    + "one of RequireAnyClientCert or RequireAndVerifyClientCert");
        }
        if (tls.curvePreferences() != null && !tls.curvePreferences().isEmpty()) {
            throw new WebConfigException("tls_server_config.curve_preferences is not supported: on Java 17 the "
                    + "key exchange groups are set for the whole JVM, with -Djdk.tls.namedGroups=...");
        }
        return new TlsSettings(key, List.copyOf(chain), clientCas, clientAuth, sans,
                protocols(tls.minVersion(), tls.maxVersion()), cipherSuites(tls.cipherSuites()),
                tls.preferServerCipherSuites() == null || tls.preferServerCipherSuites(), List.copyOf(files));
    }

    private static List<String> protocols(String min, String max) throws WebConfigException {
        int from = versionIndex(min, "min_version", "TLS12");
        int to = versionIndex(max, "max_version", "TLS13");
        if (from > to) {
            throw new WebConfigException("tls_server_config: min_version " + ORDER.get(from)
                    + " is above max_version " + ORDER.get(to));
        }
        List<String> protocols = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            protocols.add(VERSIONS.get(ORDER.get(i)));
        }
        return List.copyOf(protocols);
    }

    private static int versionIndex(String value, String key, String fallback) throws WebConfigException {
        String name = present(value) ? value : fallback;
        int index = ORDER.indexOf(name);
        if (index < 0) {
            throw new WebConfigException("tls_server_config." + key + ": unknown TLS version '" + value
                    + "'; one of TLS10, TLS11, TLS12, TLS13");
        }
        return index;
    }

    /**
     * Go's names are the IANA names the JDK uses too (Go's older CHACHA20_POLY1305 names lack the _SHA256). As in
     * Go, the list governs TLS 1.2 and below: the TLS 1.3 suites stay enabled.
     */
    private static List<String> cipherSuites(List<String> configured) throws WebConfigException {
        if (configured == null || configured.isEmpty()) {
            return null;
        }
        Set<String> supported;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            supported = new LinkedHashSet<>(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("tls_server_config.cipher_suites: cannot list the JDK's cipher suites", e);
        }
        Set<String> enabled = new LinkedHashSet<>();
        for (String name : configured) {
            String javaName = supported.contains(name) ? name
                    : supported.contains(name + "_SHA256") && name.endsWith("CHACHA20_POLY1305") ? name + "_SHA256"
                    : null;
            if (javaName == null) {
                throw new WebConfigException("tls_server_config.cipher_suites: unknown or unsupported cipher suite '"
                        + name + "'");
            }
            enabled.add(javaName);
        }
        for (String name : supported) {
            if (name.startsWith("TLS_AES_") || name.startsWith("TLS_CHACHA20_")) {
                enabled.add(name);
            }
        }
        return List.copyOf(enabled);
    }

    private static List<X509Certificate> certificates(String pem, String what) throws WebConfigException {
        try {
            return Pem.certificates(pem, what);
        } catch (PemException e) {
            throw new WebConfigException(e.getMessage(), e);
        }
    }

    /** The key and chain this endpoint presents. */
    CertifiedKey identity() {
        return new CertifiedKey(key, chain);
    }

    private static String read(Path directory, String name, String key, List<Path> files) throws WebConfigException {
        Path path = directory.resolve(name);
        try {
            String text = Files.readString(path, StandardCharsets.ISO_8859_1);
            files.add(path);
            return text;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new WebConfigException("tls_server_config." + key + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage() + ")", e);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
