package io.contiv.exporter.unixctl;

import java.io.IOException;

/** A failure talking to ovs-vswitchd's control socket: no socket, a timeout, a malformed reply, or a refusal. */
public class UnixctlException extends IOException {
    public UnixctlException(String message) {
        super(message);
    }

    public UnixctlException(String message, Throwable cause) {
        super(message, cause);
    }
}
