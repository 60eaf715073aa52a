package io.contiv.exporter.tls;

import java.security.cert.CertificateException;

/**
 * A handshake this side refused, with a message that already names the file or certificate and the reason: the
 * exporter's own files could not be used, or the server's certificate is not trusted. Thrown from a trust manager,
 * so that the handshake fails before anything is sent, and found again in the JDK's exception by
 * {@link ClientTls#explain}.
 */
final class UnusableTlsException extends CertificateException {

    UnusableTlsException(String message) {
        super(message);
    }

    UnusableTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
