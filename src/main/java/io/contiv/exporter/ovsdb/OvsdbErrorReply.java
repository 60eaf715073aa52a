package io.contiv.exporter.ovsdb;

/** The server answered a request with an error (RFC 7047's "error" member), such as "unknown method". */
public final class OvsdbErrorReply extends OvsdbException {

    private final String error;

    OvsdbErrorReply(String method, String error) {
        super("OVSDB " + method + " failed: " + error);
        this.error = error;
    }

    /** The error as the server wrote it (a JSON text). */
    public String error() {
        return error;
    }
}
