package io.contiv.exporter.web;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.tls.CertifiedKey;
import io.contiv.exporter.tls.ReloadingKeyManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;

/**
 * The web configuration in force and what the HTTP server needs of it: the TLS context and parameters when TLS is
 * on, the response headers, and whether a request may go on (rate limit, basic authentication).
 *
 * <p>Like the exporter-toolkit, the file is read again as connections come (at most once a second, and only used
 * when it or a file it names changed), so renewed certificates, users and client CAs take effect without a restart.
 * Unlike the toolkit, a changed file that does not load is logged once and the last good configuration stays in
 * force. Switching TLS on or off needs a restart.
 */
public final class WebSecurity {

    private static final Logger LOG = ExporterLogs.logger(WebSecurity.class);
    static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final Path file;
    private final LongSupplier nanoTime;
    private final WebAuthenticator authenticator;
    private final SSLContext sslContext;
    private volatile Loaded current;
    private long nextCheck;

    private record Loaded(WebSettings settings, byte[] fingerprint, RateLimiter limiter)
            implements WebAuthenticator.StateView {
    }

    private WebSecurity(Path file, Loaded loaded, LongSupplier nanoTime) throws WebConfigException {
        this.file = file;
        this.current = loaded;
        this.nanoTime = nanoTime;
        this.authenticator = new WebAuthenticator(this::loaded, new BcryptPasswords(nanoTime));
        this.nextCheck = nanoTime.getAsLong() + CHECK_INTERVAL_NANOS;
        this.sslContext = loaded.settings().tlsEnabled() ? newSslContext() : null;
    }

    /** Loads and checks the file; any problem is a {@link WebConfigException} with a one-line message. */
    public static WebSecurity load(Path file) throws WebConfigException {
        return load(file, System::nanoTime);
    }

    static WebSecurity load(Path file, LongSupplier nanoTime) throws WebConfigException {
        WebSettings settings = WebConfigLoader.load(file);
        return new WebSecurity(file, loaded(settings, fingerprint(settings.files()), nanoTime), nanoTime);
    }

    /** The settings in force, read again first when the files changed. */
    public WebSettings settings() {
        return loaded().settings();
    }

    public boolean tlsEnabled() {
        return sslContext != null;
    }

    /** The TLS context of the server, whose keys and trusted client CAs follow the files; only when TLS is on. */
    public SSLContext sslContext() {
        if (sslContext == null) {
            throw new IllegalStateException("TLS is not configured in " + file);
        }
        return sslContext;
    }

    /** The protocols, cipher suites and client-certificate policy in force, applied to a new connection's defaults. */
    public SSLParameters sslParameters(SSLParameters defaults) {
        TlsSettings tls = settings().tls();
        defaults.setProtocols(tls.protocols().toArray(new String[0]));
        if (tls.cipherSuites() != null) {
            defaults.setCipherSuites(tls.cipherSuites().toArray(new String[0]));
        }
        defaults.setUseCipherSuitesOrder(tls.preferServerCipherSuites());
        defaults.setNeedClientAuth(tls.clientAuth().need);
        if (!tls.clientAuth().need) {
            defaults.setWantClientAuth(tls.clientAuth().want);
        }
        return defaults;
    }

    /** The headers every response gets, as configured. */
    public Map<String, String> responseHeaders() {
        return settings().headers();
    }

    /**
     * Whether a request may go on: the rate limit, then basic authentication. {@code authorization} is its
     * Authorization header (or null) and {@code client} the address it came from.
     */
    public Access authorize(String authorization, String client) {
        return authenticator.authorize(authorization, client);
    }

    /** The WWW-Authenticate header value of a 401 answer. */
    public static String challenge() {
        return WebAuthenticator.CHALLENGE;
    }

    RateLimiter limiter() {
        return loaded().limiter();
    }

    private Loaded loaded() {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            if (now - nextCheck < 0) {
                return current;
            }
            nextCheck = now + CHECK_INTERVAL_NANOS;
        }
        reloadIfChanged();
        return current;
    }

    private synchronized void reloadIfChanged() {
        Loaded old = current;
        byte[] fingerprint;
        try {
            fingerprint = fingerprint(old.settings().files());
        } catch (WebConfigException e) {
            fingerprint = new byte[0];
        }
        if (Arrays.equals(fingerprint, old.fingerprint())) {
            return;
        }
        try {
            WebSettings settings = WebConfigLoader.load(file);
            if (settings.tlsEnabled() != old.settings().tlsEnabled()) {
                throw new WebConfigException(file + ": TLS cannot be switched " + (settings.tlsEnabled() ? "on"
                        : "off") + " while running; restart the exporter");
            }
            current = loaded(settings, fingerprint(settings.files()), nanoTime);
            LOG.info("web configuration {} reloaded", file);
        } catch (WebConfigException e) {
            // remember the broken state, so the error is logged once, not on every connection
            current = new Loaded(old.settings(), fingerprint, old.limiter());
            LOG.error("web configuration not reloaded, the previous one stays in force: {}", e.getMessage());
        }
    }

    private static Loaded loaded(WebSettings settings, byte[] fingerprint, LongSupplier nanoTime) {
        return new Loaded(settings, fingerprint,
                new RateLimiter(settings.rateLimitInterval(), settings.rateLimitBurst(), nanoTime));
    }

    /** A digest of the contents of the files the configuration is made of (a missing file counts as empty). */
    private static byte[] fingerprint(List<Path> files) throws WebConfigException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path path : files) {
                sha.update(path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    sha.update(Files.readAllBytes(path));
                } catch (IOException e) {
                    sha.update((byte) 0);
                }
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new WebConfigException("SHA-256 unavailable", e);
        }
    }

    private SSLContext newSslContext() throws WebConfigException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ReloadingKeyManager(() -> identity(settings().tls()))},
                    new TrustManager[] {new ClientCertificateTrust(() -> settings().tls())}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new WebConfigException(file + ": cannot set up TLS (" + e.getMessage() + ")", e);
        }
    }

    private static CertifiedKey identity(TlsSettings tls) {
        return tls == null ? null : tls.identity();
    }

    @Override
    public String toString() {
        WebSettings settings = Objects.requireNonNull(current).settings();
        return (settings.tlsEnabled() ? "TLS" : "plain HTTP")
                + (settings.clientCertificateRequired() ? ", client certificates required" : "")
                + (settings.basicAuth() ? ", basic auth (" + settings.users().size() + " users)" : "");
    }
}
