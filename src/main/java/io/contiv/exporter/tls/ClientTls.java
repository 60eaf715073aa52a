package io.contiv.exporter.tls;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.Failures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;

/**
 * TLS to one upstream (etcd, OVSDB, netmaster) with the CA, certificate and key files the options name. The files
 * are read again at every new connection and, when their bytes changed, make a new TLS context: a certificate
 * renewed in place is presented on the next connection, and no session of the old one is resumed. Failures are
 * worded for the operator ({@link #explain}): the file, the certificate and the reason.
 */
public final class ClientTls {

    private static final Logger LOG = ExporterLogs.logger(ClientTls.class);
    private static final String ALERT = "Received fatal alert: ";
    /** The alerts a server sends when it does not accept the certificate presented, or wanted one. */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied",
            "certificate_required");

    private final ClientTlsFiles files;
    private final SSLContext context;
    private ClientMaterial material;
    private SSLContext current;
    /** Whether the files changed since the exporter started, and whether a refusal since was logged. */
    private boolean renewed;
    private boolean renewalJudged;
    /** The last certificate request of each server, by {@code host:port}; forgotten when the files change. */
    private final Map<String, CertificateRequest> requests = new ConcurrentHashMap<>();

    public ClientTls(ClientTlsFiles files) {
        this.files = files;
        this.context = ReloadingClientContext.create(this::current);
    }

    public ClientTlsFiles files() {
        return files;
    }

    /** A context for clients; every connection it makes uses the files as they are at that moment. */
    public SSLContext sslContext() {
        return context;
    }

    /**
     * An HTTP client of {@code builder}'s settings that speaks TLS with these files and whose failures are worded by
     * {@link #explain}.
     */
    public HttpClient httpClient(HttpClient.Builder builder) {
        return new ExplainingHttpClient(builder.sslContext(context).build(), this);
    }

    /**
     * TLS over a connected socket: the handshake done within {@code timeout}, the server's certificate checked
     * against the CAs but not against a host name (as Open vSwitch checks its peers). On failure the socket is
     * closed and the exception says why, in the words of {@link #explain}.
     */
    public TlsStreams handshake(Socket connected, String host, int port, Duration timeout) throws IOException {
        String peer = host + ":" + port;
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
            socket.setUseClientMode(true);
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.startHandshake();
            socket.setSoTimeout(0);
            return new TlsStreams(connected, socket, this, peer);
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw explain(e, peer);
        }
    }

    /**
     * The failure as the operator needs to read it when it is about TLS: which file could not be used, which server
     * certificate was not trusted by which CA file, or that {@code peer} ({@code host:port}) refused the certificate
     * presented (named by its file, subject, issuer and validity, with the reason when it can be told: expired, or
     * not of an issuer the server accepts). Anything else is returned as it is.
     */
    public IOException explain(Throwable failure, String peer) {
        if (failure instanceof Explained explained) {
            return explained;
        }
        UnusableTlsException unusable = find(failure, UnusableTlsException.class);
        if (unusable != null) {
            return afterRenewal(new Explained(unusable.getMessage(), failure));
        }
        if (find(failure, ConnectException.class) != null || find(failure, HttpConnectTimeoutException.class) != null
                || find(failure, UnknownHostException.class) != null) {
            // no connection, so no handshake: whatever an earlier one showed is not why
            return failure instanceof IOException io ? io : new IOException(Failures.describe(failure), failure);
        }
        SSLException tls = find(failure, SSLException.class);
        String reason = Failures.describe(tls != null ? tls : failure);
        String alert = reason.startsWith(ALERT) ? reason.substring(ALERT.length()).trim() : "";
        CertificateRequest request = requests.get(peer);
        String objection = request == null ? null : request.objection(Instant.now());
        if (objection != null || CERTIFICATE_ALERTS.contains(alert)) {
            return afterRenewal(new Explained(refused(peer, request, objection, reason), failure));
        }
        if (tls != null) {
            return new Explained("TLS with " + files.upstream() + " at " + peer + " failed: " + reason, failure);
        }
        return failure instanceof IOException io ? io : new IOException(reason, failure);
    }

    /**
     * Tells that {@code peer} answered over a connection: whatever its certificate request showed, it took what was
     * presented, and a later failure is not to be blamed on it.
     */
    void answered(String peer) {
        if (!requests.isEmpty()) {
            requests.remove(peer);
        }
    }

    /**
     * Logs the first refusal after the files changed, once: the source's health logs only what ended the
     * connection the renewed files were first needed for, which is rarely the refusal.
     */
    private Explained afterRenewal(Explained refusal) {
        synchronized (this) {
            if (!renewed || renewalJudged) {
                return refusal;
            }
            renewalJudged = true;
        }
        LOG.warn("{} TLS files changed; with the new ones: {}", files.upstream(), refusal.getMessage());
        return refusal;
    }

    private String refused(String peer, CertificateRequest request, String objection, String reason) {
        String why = objection == null ? reason : objection + " (" + reason + ")";
        String server = files.upstream() + " at " + peer;
        if (files.certificate().option() == null) {
            return server + " wants a client certificate, which the exporter does not present to it: " + reason;
        }
        if (!files.certificate().given()) {
            return server + " wants a client certificate, and none is configured (give "
                    + files.certificate().option() + " and " + files.key().option() + "): " + reason;
        }
        CertifiedKey presented = request != null ? request.presented() : null;
        return server + " refused the client certificate " + files.certificate() + " ("
                + (presented == null ? "not presented" : Certificates.describe(presented.leaf())) + "): " + why;
    }

    /** A TLS failure in the operator's words. */
    private static final class Explained extends SSLException {
        Explained(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The context for the files as they are now: the same one while their bytes stay the same. */
    private synchronized SSLContext current() {
        ClientMaterial previous = material;
        ClientMaterial now = ClientMaterial.read(files, previous);
        if (now == previous && current != null) {
            return current;
        }
        material = now;
        current = build(now);
        requests.clear();
        renewed = previous != null;
        renewalJudged = false;
        if (previous != null && now.problem() == null) {
            LOG.info("{} TLS files changed; new connections use them{}", files.upstream(),
                    now.identity() == null ? "" : " (" + files.certificate() + ": "
                            + Certificates.describe(now.identity().leaf()) + ")");
        }
        return current;
    }

    private SSLContext build(ClientMaterial now) {
        TrustManager trust;
        try {
            trust = now.problem() == null ? ClientTrust.checking(files, now.pkix())
                    : ClientTrust.refusing(files, now.problem());
        } catch (GeneralSecurityException e) {
            trust = ClientTrust.refusing(files, "cannot set up the certificate checks: " + Failures.describe(e));
        }
        CertifiedKey identity = now.identity();
        try {
            SSLContext built = SSLContext.getInstance("TLS");
            ReloadingKeyManager keys = new ReloadingKeyManager(() -> identity,
                    (peer, issuers) -> requests.put(peer, new CertificateRequest(issuers, identity)));
            built.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            return built;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return files.upstream() + " TLS";
    }
}
