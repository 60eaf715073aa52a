package io.contiv.exporter.ovsdb;

import java.io.IOException;

/** A failure talking to OVSDB: the connection, the framing, or an error the server returned. */
public class OvsdbException extends IOException {
    public OvsdbException(String message) {
        super(message);
    }

    public OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
