package io.contiv.exporter.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's PKIX certificate checks, against given CAs or the system's. */
public final class TrustManagers {

    private TrustManagers() {
    }

    /** Trusts certificates that chain to one of {@code cas}, and nothing else. */
    public static X509ExtendedTrustManager pkix(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        return from(store);
    }

    /** Trusts what the JDK trusts by default (its cacerts, or {@code javax.net.ssl.trustStore}). */
    public static X509ExtendedTrustManager system() throws GeneralSecurityException {
        return from(null);
    }

    private static X509ExtendedTrustManager from(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from PKIX");
    }
}
