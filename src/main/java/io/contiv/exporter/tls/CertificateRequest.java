package io.contiv.exporter.tls;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A server's request for the exporter's certificate during one handshake: the issuers it said it accepts and what
 * the exporter presented (null: nothing). Under TLS 1.3 a server refuses a certificate after the client finished its
 * handshake, and its alert often arrives as a bare reset or end of stream: what the request showed is then the only
 * way to tell the operator why.
 */
record CertificateRequest(List<Principal> acceptedIssuers, CertifiedKey presented) {

    /** Why the server will not take what was presented, when that can be told here; null otherwise. */
    String objection(Instant now) {
        if (presented == null) {
            return "the server asked for a client certificate and none is configured";
        }
        X509Certificate leaf = presented.leaf();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return "the certificate expired";
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return "the certificate is not valid yet";
        }
        if (!acceptedIssuers.isEmpty() && presented.chain().stream().noneMatch(certificate ->
                acceptedIssuers.contains(certificate.getIssuerX500Principal())
                        || acceptedIssuers.contains(certificate.getSubjectX500Principal()))) {
            return "the server accepts certificates issued by "
                    + acceptedIssuers.stream().map(Principal::getName).collect(Collectors.joining(" or ")) + " only";
        }
        return null;
    }
}
