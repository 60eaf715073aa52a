package io.contiv.exporter.web;

import io.contiv.exporter.testing.CommandRunner;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.testing.TemporaryDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made with openssl at test time in a temporary directory: a server CA and a server certificate for
 * localhost and 127.0.0.1 (RSA, PKCS#8 as {@code openssl req -newkey rsa:2048 -nodes} writes it), a client CA and a
 * client certificate, and a self-signed client certificate no CA vouches for.
 */
public final class TestPki implements AutoCloseable {

    private static final CommandRunner OPENSSL = new CommandRunner(Duration.ofSeconds(60));

    final TemporaryDirectory directory;

    private TestPki(TemporaryDirectory directory) {
        this.directory = directory;
    }

    public static TestPki create() {
        Requirements.fromEnvironment().requireBinaries("openssl");
        TestPki pki = new TestPki(TemporaryDirectory.create("contiv-web-pki-"));
        try {
            pki.ca("server-ca");
            pki.ca("client-ca");
            pki.signed("server", "server-ca", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                    + "extendedKeyUsage=serverAuth\n");
            pki.signed("server2", "server-ca", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                    + "extendedKeyUsage=serverAuth\n");
            pki.signed("client", "client-ca", "scraper", "subjectAltName=DNS:prometheus.monitoring\n"
                    + "extendedKeyUsage=clientAuth\n");
            pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pki.path("stranger.key"),
                    "-out", pki.path("stranger.crt"), "-subj", "/CN=stranger", "-days", "2");
            return pki;
        } catch (RuntimeException e) {
            pki.close();
            throw e;
        }
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    /** A web configuration file with the server certificate and one basic-auth user, written under {@code name}. */
    public Path tlsWithBasicAuth(String name, String user, String bcryptHash) {
        return directory.write(name, """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  %s: '%s'
                """.formatted(user, bcryptHash));
    }

    public String path(String name) {
        return file(name).toString();
    }

    String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void openssl(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        OPENSSL.run(command).orThrow();
    }

    private void ca(String name) {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path(name + ".key"),
                "-out", path(name + ".crt"), "-subj", "/CN=" + name, "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void signed(String name, String ca, String commonName, String extensions) {
        directory.write(name + ".ext", extensions);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", path(name + ".key"), "-out", path(name + ".csr"),
                "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".crt"), "-CAkey", path(ca + ".key"),
                "-CAcreateserial", "-out", path(name + ".crt"), "-days", "2", "-extfile", path(name + ".ext"));
    }

    /** A client context trusting the server CA, presenting the named certificate and key when not null. */
    public SSLContext clientContext(String clientName) {
        return clientContext(clientName, false);
    }

    /**
     * As {@link #clientContext(String)}; with {@code always} the certificate is sent even when its issuer is not
     * one the server named (a JDK or Go client would rather send none).
     */
    SSLContext clientContext(String clientName, boolean always) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server-ca", Pem.certificates(read("server-ca.crt"), "ca").get(0));
            TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
            trustFactory.init(trust);
            KeyManagerFactory keyFactory = null;
            if (clientName != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                PrivateKey key = Pem.privateKey(read(clientName + ".key"), "client key");
                List<X509Certificate> chain = Pem.certificates(read(clientName + ".crt"), "client cert");
                keys.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
                keyFactory = KeyManagerFactory.getInstance("PKIX");
                keyFactory.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            javax.net.ssl.KeyManager[] keyManagers = keyFactory == null ? null : keyFactory.getKeyManagers();
            if (keyManagers != null && always) {
                keyManagers = new javax.net.ssl.KeyManager[] {
                    new AlwaysPresent((javax.net.ssl.X509ExtendedKeyManager) keyManagers[0])};
            }
            context.init(keyManagers, trustFactory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the client's TLS context", e);
        }
    }

    /** Offers the client certificate whatever issuers the server asks for. */
    private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509ExtendedKeyManager keys;
        private final String alias;

        AlwaysPresent(javax.net.ssl.X509ExtendedKeyManager keys) {
            this.keys = keys;
            this.alias = keys.getClientAliases("RSA", null)[0];
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                              javax.net.ssl.SSLEngine engine) {
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return alias;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String name) {
            return keys.getCertificateChain(name);
        }

        @Override
        public PrivateKey getPrivateKey(String name) {
            return keys.getPrivateKey(name);
        }
    }

    @Override
    public void close() {
        directory.close();
    }
}
