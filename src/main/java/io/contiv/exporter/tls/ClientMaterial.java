package io.contiv.exporter.tls;

import io.contiv.exporter.Failures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one upstream's files held when they were read: the exporter's certificate and key and the CAs it trusts, or
 * the one-line reason they cannot be used. Made again only when a file's bytes changed.
 */
final class ClientMaterial {

    private final List<byte[]> contents;
    private final CertifiedKey identity;
    private final List<X509Certificate> cas;
    private final String problem;

    private ClientMaterial(List<byte[]> contents, CertifiedKey identity, List<X509Certificate> cas, String problem) {
        this.contents = contents;
        this.identity = identity;
        this.cas = cas;
        this.problem = problem;
    }

    /** The files as they are now: {@code previous} itself when no file changed. */
    static ClientMaterial read(ClientTlsFiles files, ClientMaterial previous) {
        List<byte[]> contents = new ArrayList<>(3);
        String unreadable = null;
        for (ClientTlsFiles.File file : List.of(files.ca(), files.certificate(), files.key())) {
            byte[] bytes = new byte[0];
            if (file.given()) {
                try {
                    bytes = Files.readAllBytes(file.path());
                } catch (IOException e) {
                    unreadable = unreadable != null ? unreadable : "cannot read " + file + " (" + why(e) + ")";
                }
            }
            contents.add(bytes);
        }
        if (previous != null && sameBytes(previous.contents, contents)) {
            return previous;
        }
        if (unreadable != null) {
            return new ClientMaterial(contents, null, List.of(), unreadable);
        }
        try {
            List<X509Certificate> cas = files.ca().given()
                    ? Pem.certificates(text(contents.get(0)), files.ca().toString()) : List.of();
            CertifiedKey identity = null;
            if (files.certificate().given()) {
                List<X509Certificate> chain = Pem.certificates(text(contents.get(1)), files.certificate().toString());
                PrivateKey key = Pem.privateKey(text(contents.get(2)), files.key().toString());
                identity = new CertifiedKey(key, chain);
                if (!identity.keyMatchesCertificate()) {
                    return new ClientMaterial(contents, null, cas, files.key() + " is not the private key of "
                            + files.certificate() + " (" + Certificates.describe(identity.leaf()) + ")");
                }
            }
            return new ClientMaterial(contents, identity, cas, null);
        } catch (PemException e) {
            return new ClientMaterial(contents, null, List.of(), e.getMessage());
        }
    }

    /** What the exporter presents, or null. */
    CertifiedKey identity() {
        return identity;
    }

    /** The one-line reason these files cannot be used, or null. */
    String problem() {
        return problem;
    }

    /** A trust manager for these files: the CAs given, or the system's. */
    javax.net.ssl.X509ExtendedTrustManager pkix() throws GeneralSecurityException {
        return cas.isEmpty() ? TrustManagers.system() : TrustManagers.pkix(cas);
    }

    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return Failures.describe(e);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
