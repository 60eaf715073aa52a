package io.contiv.exporter.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/** Response headers, rate limit and basic authentication, in that order, before any handler runs. */
final class WebAuthenticator extends Authenticator {

    static final String REALM = "contiv-exporter";

    private final Supplier<? extends StateView> loaded;
    private final BcryptPasswords passwords;

    WebAuthenticator(Supplier<? extends StateView> loaded, BcryptPasswords passwords) {
        this.loaded = loaded;
        this.passwords = passwords;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        StateView state = loaded.get();
        WebSettings settings = state.settings();
        settings.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (!state.limiter().tryAcquire()) {
            return new Failure(429);
        }
        if (!settings.basicAuth()) {
            return new Success(new HttpPrincipal("", REALM));
        }
        String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        if (credentials != null && passwords.check(settings.users(), credentials[0], credentials[1])) {
            return new Success(new HttpPrincipal(credentials[0], REALM));
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
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
