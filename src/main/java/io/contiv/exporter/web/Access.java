package io.contiv.exporter.web;

/** What the web configuration says about one request. */
public enum Access {
    ALLOWED,
    /** No or wrong basic-auth credentials: 401. */
    UNAUTHORIZED,
    /** Past {@code rate_limit}: 429. */
    RATE_LIMITED,
    /** Too many password checks under way, or this client's last password was wrong a moment ago: 429. */
    BUSY
}
