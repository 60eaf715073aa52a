package io.contiv.exporter.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Certificates described in a few words for a log line: whose, by whom, until when. */
final class Certificates {

    private Certificates() {
    }

    /** E.g. {@code CN=exporter, issued by CN=etcd-ca, valid until 2027-01-01T00:00:00Z}. */
    static String describe(X509Certificate certificate) {
        return describe(certificate, Instant.now());
    }

    static String describe(X509Certificate certificate, Instant now) {
        return subject(certificate) + ", issued by " + certificate.getIssuerX500Principal().getName()
                + ", " + validity(certificate, now);
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String validity(X509Certificate certificate, Instant now) {
        Instant notBefore = instant(certificate.getNotBefore());
        Instant notAfter = instant(certificate.getNotAfter());
        if (now.isAfter(notAfter)) {
            return "EXPIRED at " + notAfter;
        }
        if (now.isBefore(notBefore)) {
            return "NOT VALID BEFORE " + notBefore;
        }
        return "valid until " + notAfter;
    }

    private static Instant instant(Date date) {
        return date.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }
}
