package io.contiv.exporter.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.contiv.exporter.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exporter as a TLS client, against servers in this JVM that require a client certificate from their CA: the
 * files used at each new connection, and every refusal worded with the file, the certificate and the reason.
 */
class ClientTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.empty();
        pki.ca("server-ca");
        pki.server("server", "server-ca");
        pki.ca("client-ca");
        pki.client("exporter", "client-ca", "exporter");
        pki.client("renewed", "client-ca", "exporter-renewed");
        pki.expiredClient("expired", "client-ca", "exporter-expired");
        pki.ca("other-ca");
        pki.client("stranger", "other-ca", "stranger");
    }

    @AfterAll
    static void removeCertificates() {
        if (pki != null) {
            pki.close();
        }
    }

    @Test
    void presentsTheCertificateAndPresentsTheRenewedOneOnTheNextConnection() throws Exception {
        ClientTls tls = new ClientTls(files("renewal", "exporter", "server-ca"));
        try (TlsServer server = new TlsServer()) {
            assertThat(exchange(tls, server)).isEqualTo("ok");
            pki.replace("renewal", "renewed");
            assertThat(exchange(tls, server)).isEqualTo("ok");
            assertThat(server.clients).containsExactly("CN=exporter", "CN=exporter-renewed");
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAndTheMessageNamesFileIssuerAndWhatTheServerAccepts() {
        ClientTls tls = new ClientTls(files("foreign", "stranger", "server-ca"));
        try (TlsServer server = new TlsServer()) {
            String message = failure(() -> exchange(tls, server));
            assertThat(message).startsWith("test at 127.0.0.1:" + server.port() + " refused the client certificate "
                    + "--test.cert " + pki.file("foreign.crt") + " (CN=stranger, issued by CN=other-ca, valid until ")
                    .contains("): the server accepts certificates issued by CN=client-ca only (");
            assertThat(server.clients).isEmpty();
            // a server that is not there is not refusing anything
            java.net.ConnectException down = new java.net.ConnectException("Connection refused");
            assertThat(tls.explain(down, "127.0.0.1:" + server.port())).isSameAs(down);
        }
    }

    @Test
    void anExpiredCertificateIsSaidToBeExpired() {
        ClientTls tls = new ClientTls(files("outdated", "expired", "server-ca"));
        try (TlsServer server = new TlsServer()) {
            assertThat(failure(() -> exchange(tls, server))).contains("refused the client certificate --test.cert "
                    + pki.file("outdated.crt") + " (CN=exporter-expired, issued by CN=client-ca, EXPIRED at ")
                    .contains("): the certificate expired (");
        }
    }

    @Test
    void aServerThatWantsACertificateWhenNoneIsGivenIsToldWhichOptionsGiveOne() {
        ClientTlsFiles caOnly = new ClientTlsFiles("test", new ClientTlsFiles.File("--test.cacert",
                pki.file("server-ca.crt")), ClientTlsFiles.File.of("--test.cert", null),
                ClientTlsFiles.File.of("--test.key", ""));
        try (TlsServer server = new TlsServer()) {
            assertThat(failure(() -> exchange(new ClientTls(caOnly), server))).startsWith("test at 127.0.0.1:"
                    + server.port() + " wants a client certificate, and none is configured (give --test.cert and "
                    + "--test.key): ");
        }
    }

    @Test
    void aServerThatTookTheCertificateIsNotBlamedForLaterFailures() throws Exception {
        ClientTls tls = new ClientTls(files("tolerated", "stranger", "server-ca"));
        try (TlsServer server = new TlsServer(lenientServer())) {
            String peer = "127.0.0.1:" + server.port();
            IOException broken = new IOException("Broken pipe");
            // asked for one of client-ca's, given other-ca's, and answered all the same
            assertThat(exchange(tls, server)).isEqualTo("ok");
            assertThat(tls.explain(broken, peer)).isSameAs(broken);
        }
    }

    @Test
    void aServerTheCaFileDoesNotVouchForIsRefusedBeforeTheCertificateIsSent() {
        ClientTls tls = new ClientTls(files("distrust", "exporter", "other-ca"));
        try (TlsServer server = new TlsServer()) {
            assertThat(failure(() -> exchange(tls, server))).startsWith("the server certificate of test at "
                    + "127.0.0.1:" + server.port() + " (CN=localhost, issued by CN=server-ca, valid until ")
                    .contains(" is not trusted by --test.cacert " + pki.file("distrust-ca.crt") + ": ");
            assertThat(server.clients).isEmpty();
        }
    }

    @Test
    void filesThatCannotBeUsedAreNamedWithTheReason() throws Exception {
        try (TlsServer server = new TlsServer()) {
            ClientTlsFiles missingKey = files("keyless", "exporter", "server-ca");
            java.nio.file.Files.delete(missingKey.key().path());
            assertThat(failure(() -> exchange(new ClientTls(missingKey), server)))
                    .isEqualTo("cannot read --test.key " + pki.file("keyless.key") + " (no such file)");

            ClientTlsFiles mismatched = files("mismatched", "exporter", "server-ca");
            pki.write("mismatched.key", pki.read("stranger.key"));
            assertThat(failure(() -> exchange(new ClientTls(mismatched), server)))
                    .startsWith("--test.key " + pki.file("mismatched.key") + " is not the private key of "
                            + "--test.cert " + pki.file("mismatched.crt") + " (CN=exporter, issued by CN=client-ca");

            ClientTlsFiles notPem = files("garbled", "exporter", "server-ca");
            pki.write("garbled-ca.crt", "not a certificate");
            assertThat(failure(() -> exchange(new ClientTls(notPem), server)))
                    .isEqualTo("--test.cacert " + pki.file("garbled-ca.crt") + ": no PEM CERTIFICATE block found");
            assertThat(server.clients).isEmpty();

            pki.write("garbled-ca.crt", pki.read("server-ca.crt"));
            assertThat(exchange(new ClientTls(notPem), server)).isEqualTo("ok");
        }
    }

    @Test
    void theHttpClientConnectsWithTheFilesAsTheyAreAtEachNewConnection() throws Exception {
        ClientTls tls = new ClientTls(files("https", "exporter", "server-ca"));
        HttpClient http = tls.httpClient(HttpClient.newBuilder().connectTimeout(TIMEOUT));
        HttpsServer server = httpsServer("server");
        server.createContext("/", exchange -> {
            byte[] body = ((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("CN=exporter");
            pki.replace("https", "renewed");
            assertThat(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get().body())
                    .isEqualTo("CN=exporter-renewed");
            pki.replace("https", "stranger");
            assertThat(failure(() -> http.send(request, HttpResponse.BodyHandlers.ofString())))
                    .startsWith("test at 127.0.0.1:" + uri.getPort() + " refused the client certificate --test.cert "
                            + pki.file("https.crt") + " (CN=stranger, issued by CN=other-ca")
                    .contains("): the server accepts certificates issued by CN=client-ca only (");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpsServerWhoseCertificateNamesAnotherHostIsRefused() throws Exception {
        pki.signed("elsewhere", "server-ca", "elsewhere", "subjectAltName=DNS:elsewhere.example\n"
                + "extendedKeyUsage=serverAuth\n");
        HttpClient http = new ClientTls(files("misnamed", "exporter", "server-ca"))
                .httpClient(HttpClient.newBuilder().connectTimeout(TIMEOUT));
        HttpsServer server = httpsServer("elsewhere");
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(failure(() -> http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString())))
                    .startsWith("the server certificate of test at 127.0.0.1:" + uri.getPort() + " (CN=elsewhere, "
                            + "issued by CN=server-ca, valid until ")
                    .contains(" does not name the host the exporter connected to: No subject alternative names "
                            + "matching IP address 127.0.0.1 found");
        } finally {
            server.stop(0);
        }
    }

    /** A server context that names client-ca as the issuer it wants and takes any client certificate. */
    private static SSLContext lenientServer() throws Exception {
        CertifiedKey server = new CertifiedKey(Pem.privateKey(pki.read("server.key"), "key"),
                Pem.certificates(pki.read("server.crt"), "certificate"));
        X509Certificate clientCa = Pem.certificates(pki.read("client-ca.crt"), "ca").get(0);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {new ReloadingKeyManager(() -> server)},
                new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[] {clientCa};
                    }
                }}, null);
        return context;
    }

    /** An HTTPS server with the named certificate that requires client certificates of client-ca. */
    private static HttpsServer httpsServer(String certificate) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext(certificate, "client-ca")) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        return server;
    }

    /** Certificate {@code client} and CA {@code ca} copied to files of their own, as the options would name them. */
    private static ClientTlsFiles files(String name, String client, String ca) {
        pki.replace(name, client);
        pki.write(name + "-ca.crt", pki.read(ca + ".crt"));
        return new ClientTlsFiles("test", new ClientTlsFiles.File("--test.cacert", pki.file(name + "-ca.crt")),
                new ClientTlsFiles.File("--test.cert", pki.file(name + ".crt")),
                new ClientTlsFiles.File("--test.key", pki.file(name + ".key")));
    }

    /** One connection: handshake, then the server's one line. */
    private static String exchange(ClientTls tls, TlsServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) TIMEOUT.toMillis());
        try (TlsStreams streams = tls.handshake(socket, "127.0.0.1", server.port(), TIMEOUT)) {
            return new BufferedReader(new InputStreamReader(streams.input(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private interface Attempt {
        Object run() throws Exception;
    }

    private static String failure(Attempt attempt) {
        Throwable thrown = catchThrowable(attempt::run);
        assertThat(thrown).isNotNull();
        if (thrown instanceof java.util.concurrent.ExecutionException) {
            thrown = thrown.getCause();
        }
        assertThat(thrown).isInstanceOf(IOException.class);
        assertThat(thrown.getMessage().lines()).hasSize(1);
        return thrown.getMessage();
    }

    /** Accepts TLS connections that must present a certificate of client-ca; notes each client, answers "ok". */
    private static final class TlsServer implements AutoCloseable {
        final List<String> clients = new CopyOnWriteArrayList<>();
        private final SSLServerSocket socket;
        private final Thread thread;

        TlsServer() {
            this(pki.serverContext("server", "client-ca"));
        }

        TlsServer(SSLContext context) {
            try {
                socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                        InetAddress.getLoopbackAddress());
                socket.setNeedClientAuth(true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            thread = new Thread(this::serve, "tls-test-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout((int) TIMEOUT.toMillis());
                    client.startHandshake();
                    clients.add(client.getSession().getPeerPrincipal().getName());
                    client.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    // a refused client: nothing to note
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                thread.join(TIMEOUT.toMillis());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
