package io.contiv.exporter.testing;

import io.contiv.exporter.tls.Pem;
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
 * Certificates made with openssl at test time in a temporary directory, keys in PKCS#8 as
 * {@code openssl req -newkey ... -nodes} writes them. {@link #create()} makes the set the web tests use (RSA): a
 * server CA and a server certificate for localhost and 127.0.0.1, a client CA and a client certificate, and a
 * self-signed client certificate no CA vouches for; {@link #empty()} starts without any, for {@link #ca},
 * {@link #server} and {@link #client}. A certificate named N is in N.crt, its key in N.key.
 */
public final class TestPki implements AutoCloseable {

    private static final CommandRunner OPENSSL = new CommandRunner(Duration.ofSeconds(60));

    private static final List<String> RSA = List.of("-newkey", "rsa:2048");
    private static final List<String> EC = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

    private final TemporaryDirectory directory;
    private final List<String> newKey;

    private TestPki(TemporaryDirectory directory, List<String> newKey) {
        this.directory = directory;
        this.newKey = newKey;
    }

    /**
     * An empty directory for certificates with P-256 keys (PKCS#8, made in a fraction of an RSA key's time); the
     * test is skipped (or fails, strict) without openssl.
     */
    public static TestPki empty() {
        Requirements.fromEnvironment().requireBinaries("openssl");
        return new TestPki(TemporaryDirectory.create("contiv-pki-"), EC);
    }

    public static TestPki create() {
        Requirements.fromEnvironment().requireBinaries("openssl");
        TestPki pki = new TestPki(TemporaryDirectory.create("contiv-web-pki-"), RSA);
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

    public Path write(String name, String content) {
        return directory.write(name, content);
    }

    public String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void openssl(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        OPENSSL.run(command).orThrow();
    }

    /** A self-signed CA. */
    public void ca(String name) {
        List<String> command = new ArrayList<>(List.of("req", "-x509"));
        command.addAll(newKey);
        command.addAll(List.of("-nodes", "-keyout", path(name + ".key"), "-out", path(name + ".crt"),
                "-subj", "/CN=" + name, "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        openssl(command.toArray(new String[0]));
    }

    /**
     * A server certificate for localhost and 127.0.0.1 issued by the CA, good for clients too: etcd's own JSON
     * gateway presents it when it connects to etcd.
     */
    public void server(String name, String ca) {
        signed(name, ca, "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n");
    }

    /** A client certificate issued by the CA. */
    public void client(String name, String ca, String commonName) {
        signed(name, ca, commonName, "extendedKeyUsage=clientAuth\n");
    }

    /** Copies certificate and key {@code from} over those of {@code to}, as a renewal rewrites files in place. */
    public void replace(String to, String from) {
        write(to + ".crt", read(from + ".crt"));
        write(to + ".key", read(from + ".key"));
    }

    /** A client certificate issued by the CA that expired the day before it was made. */
    public void expiredClient(String name, String ca, String commonName) {
        signed(name, ca, commonName, "extendedKeyUsage=clientAuth\n", -1);
    }

    public void signed(String name, String ca, String commonName, String extensions) {
        signed(name, ca, commonName, extensions, 2);
    }

    private void signed(String name, String ca, String commonName, String extensions, int days) {
        directory.write(name + ".ext", extensions);
        List<String> request = new ArrayList<>(List.of("req"));
        request.addAll(newKey);
        request.addAll(List.of("-nodes", "-keyout", path(name + ".key"), "-out", path(name + ".csr"),
                "-subj", "/CN=" + commonName));
        openssl(request.toArray(new String[0]));
        openssl("x509", "-req", "-in", path(name + ".csr"), "-CA", path(ca + ".crt"), "-CAkey", path(ca + ".key"),
                "-CAcreateserial", "-out", path(name + ".crt"), "-days", Integer.toString(days),
                "-extfile", path(name + ".ext"));
    }

    /** A client context trusting the server CA, presenting the named certificate and key when not null. */
    public SSLContext clientContext(String clientName) {
        return clientContext(clientName, false);
    }

    /**
     * As {@link #clientContext(String)}; with {@code always} the certificate is sent even when its issuer is not
     * one the server named (a JDK or Go client would rather send none).
     */
    public SSLContext clientContext(String clientName, boolean always) {
        return clientContext("server-ca", clientName, always);
    }

    /** A client context trusting the named CA, presenting the named certificate (when not null) whatever asked. */
    public SSLContext clientContext(String caName, String clientName, boolean always) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", Pem.certificates(read(caName + ".crt"), "ca").get(0));
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

    /** A server context presenting the named certificate; with {@code clientCa}, requiring clients of that CA. */
    public SSLContext serverContext(String serverName, String clientCa) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", Pem.privateKey(read(serverName + ".key"), "server key"), new char[0],
                    Pem.certificates(read(serverName + ".crt"), "server cert").toArray(new X509Certificate[0]));
            KeyManagerFactory keyFactory = KeyManagerFactory.getInstance("PKIX");
            keyFactory.init(keys, new char[0]);
            TrustManagerFactory trustFactory = null;
            if (clientCa != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", Pem.certificates(read(clientCa + ".crt"), "ca").get(0));
                trustFactory = TrustManagerFactory.getInstance("PKIX");
                trustFactory.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyFactory.getKeyManagers(), trustFactory == null ? null : trustFactory.getTrustManagers(),
                    null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the server's TLS context", e);
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
