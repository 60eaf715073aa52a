package io.contiv.exporter.netmaster;

import java.io.IOException;

/** Netmaster could not be reached, answered with an error, or sent something that is not what it should. */
public class NetmasterException extends IOException {
    public NetmasterException(String message) {
        super(message);
    }

    public NetmasterException(String message, Throwable cause) {
        super(message, cause);
    }
}
