package io.contiv.exporter.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/** Rate limit and basic authentication, in that order, before any handler runs. */
final class WebAuthenticator {

    static final String REALM = "contiv-exporter";
    static final String CHALLENGE = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";

    private final Supplier<? extends StateView> loaded;
    private final BcryptPasswords passwords;

    WebAuthenticator(Supplier<? extends StateView> loaded, BcryptPasswords passwords) {
        this.loaded = loaded;
        this.passwords = passwords;
    }

    /** Whether a request with this Authorization header (may be null) from this client address may go on. */
    Access authorize(String authorization, String client) {
        StateView state = loaded.get();
        WebSettings settings = state.settings();
        if (!state.limiter().tryAcquire()) {
            return Access.RATE_LIMITED;
        }
        if (!settings.basicAuth()) {
            return Access.ALLOWED;
        }
        String[] credentials = basicCredentials(authorization);
        if (credentials == null) {
            return Access.UNAUTHORIZED;
        }
        return switch (passwords.check(settings.users(), credentials[0], credentials[1], client)) {
            case ALLOWED -> Access.ALLOWED;
            case DENIED -> Access.UNAUTHORIZED;
            case BUSY -> Access.BUSY;
        };
    }

    /** User and password of an {@code Authorization: Basic ...} header, or null. */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** What the authenticator reads of the configuration in force. */
    interface StateView {
        WebSettings settings();

        RateLimiter limiter();
    }
}
