package io.contiv.exporter.openflow;

import java.io.IOException;

/** A failure talking OpenFlow to a switch: the socket, a timeout, a malformed message, or an error it returned. */
public class OpenFlowException extends IOException {
    public OpenFlowException(String message) {
        super(message);
    }

    public OpenFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
