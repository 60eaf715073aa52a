package io.contiv.exporter.tls;

/** PEM text that holds no usable certificate or key; the message is one line naming what was read and why not. */
public final class PemException extends Exception {

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
