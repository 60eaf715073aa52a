package io.contiv.exporter.web;

import io.contiv.exporter.tls.TrustManagers;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Judges client certificates by the configuration in force: chained to the client CAs for the Verify policies,
 * accepted as sent for RequestClientCert and RequireAnyClientCert (as Go does), and then, when
 * {@code client_allowed_sans} is set, required to carry one of those subject alternative names.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {

    private final Supplier<TlsSettings> tls;
    private final Map<TlsSettings, X509ExtendedTrustManager> verifiers = new WeakHashMap<>();

    ClientCertificateTrust(Supplier<TlsSettings> tls) {
        this.tls = tls;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        TlsSettings current = tls.get();
        if (current == null || current.clientAuth() == ClientAuth.NO_CLIENT_CERT) {
            throw new CertificateException("client certificates are not asked for");
        }
        if (current.clientAuth().verify) {
            verifier(current).checkClientTrusted(chain, authType, engine);
        }
        checkSans(current, chain);
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
        TlsSettings current = tls.get();
        return current == null ? new X509Certificate[0] : current.clientCas().toArray(new X509Certificate[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the exporter is a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the exporter is a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the exporter is a server");
    }

    private synchronized X509ExtendedTrustManager verifier(TlsSettings current) throws CertificateException {
        X509ExtendedTrustManager verifier = verifiers.get(current);
        if (verifier == null) {
            try {
                verifier = TrustManagers.pkix(current.clientCas());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("cannot set up client certificate checks", e);
            }
            verifiers.put(current, verifier);
        }
        return verifier;
    }

    private static void checkSans(TlsSettings current, X509Certificate[] chain) throws CertificateException {
        if (current.clientAllowedSans().isEmpty()) {
            return;
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate to match client_allowed_sans against");
        }
        List<String> found = new ArrayList<>();
        try {
            Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == 1 || type == 2 || type == 6 || type == 7) { // e-mail, DNS, URI, IP
                        found.add(String.valueOf(name.get(1)));
                        if (type == 7 && matchesIp(String.valueOf(name.get(1)), current.clientAllowedSans())) {
                            return;
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new CertificateException("cannot read the client certificate's subject alternative names", e);
        }
        for (String name : found) {
            if (current.clientAllowedSans().contains(name)) {
                return;
            }
        }
        throw new CertificateException("the client certificate has none of client_allowed_sans");
    }

    private static boolean matchesIp(String ip, List<String> allowed) {
        for (String candidate : allowed) {
            if (candidate.indexOf(':') >= 0 || candidate.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                try {
                    if (InetAddress.getByName(candidate).equals(InetAddress.getByName(ip))) {
                        return true;
                    }
                } catch (UnknownHostException | SecurityException e) {
                    // not an address
                }
            }
        }
        return false;
    }
}
