package io.contiv.exporter.web;

/** A web configuration that cannot be used; the message is one line that names the file and what is wrong. */
public final class WebConfigException extends Exception {

    public WebConfigException(String message) {
        super(message);
    }

    public WebConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
