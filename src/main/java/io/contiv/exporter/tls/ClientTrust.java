package io.contiv.exporter.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Judges an upstream server's certificate with the JDK's PKIX checks (host name included when the connection asks
 * for it, as HTTPS does), and words a refusal so that it names the server, its certificate and the CA file that did
 * not vouch for it. When the exporter's own files cannot be used it refuses every handshake with that reason,
 * before anything is sent.
 */
final class ClientTrust extends X509ExtendedTrustManager {

    private final ClientTlsFiles files;
    private final X509ExtendedTrustManager pkix;
    private final String problem;

    private ClientTrust(ClientTlsFiles files, X509ExtendedTrustManager pkix, String problem) {
        this.files = files;
        this.pkix = pkix;
        this.problem = problem;
    }

    static ClientTrust checking(ClientTlsFiles files, X509ExtendedTrustManager pkix) {
        return new ClientTrust(files, pkix, null);
    }

    static ClientTrust refusing(ClientTlsFiles files, String problem) {
        return new ClientTrust(files, null, problem);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        judge(() -> pkix.checkServerTrusted(chain, authType, engine), chain,
                engine == null ? null : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        judge(() -> pkix.checkServerTrusted(chain, authType, socket), chain,
                socket instanceof SSLSocket ssl && ssl.getInetAddress() != null
                        ? ssl.getInetAddress().getHostAddress() + ":" + ssl.getPort() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the exporter is the client of " + files.upstream());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClientTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
    }

    /** The JDK's checks of one handshake. */
    private interface Check {
        void run() throws CertificateException;
    }

    private void judge(Check pkixCheck, X509Certificate[] chain, String peer) throws CertificateException {
        if (problem != null) {
            throw new UnusableTlsException(problem);
        }
        try {
            pkixCheck.run();
        } catch (CertificateException e) {
            throw untrusted(chain, peer, e);
        }
    }

    private UnusableTlsException untrusted(X509Certificate[] chain, String peer, CertificateException cause) {
        String whose = files.upstream() + (peer == null ? "" : " at " + peer);
        String certificate = chain == null || chain.length == 0 ? "" : " (" + Certificates.describe(chain[0]) + ")";
        String reason = jdkReason(cause);
        if (reason.startsWith("No subject alternative") || reason.startsWith("No name matching")) {
            return new UnusableTlsException("the server certificate of " + whose + certificate
                    + " does not name the host the exporter connected to: " + reason, cause);
        }
        String by = files.ca().given() ? "by " + files.ca() : "by the system's CAs (give " + files.ca().option()
                + " for a private CA)";
        return new UnusableTlsException("the server certificate of " + whose + certificate + " is not trusted " + by
                + ": " + reason, cause);
    }

    /** The JDK's reason without the class names it nests in its messages. */
    private static String jdkReason(CertificateException cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\b[a-z][\\w.]*\\.(\\w+Exception): ", "");
    }
}
