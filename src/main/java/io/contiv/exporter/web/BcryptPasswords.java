package io.contiv.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks user names and passwords against bcrypt hashes. bcrypt costs tens of milliseconds per check by design and
 * Prometheus scrapes every few seconds, so a successful check is remembered for a short while, keyed by a SHA-256 of
 * user, hash and password (the password itself is never kept). An unknown user is checked against a fixed hash so
 * that timing does not tell which users exist; bcrypt's own comparison is constant-time.
 */
final class BcryptPasswords {

    static final long CACHE_NANOS = 60_000_000_000L;
    static final int CACHE_ENTRIES = 256;

    /** bcrypt (cost 10) of a random password, made once: what an unknown user's password is checked against. */
    private static final class Decoy {
        static final byte[] HASH = BCrypt.with(BCrypt.Version.VERSION_2Y).hash(10,
                java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static final int MAX_PASSWORD_BYTES = 72;

    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null,
            LongPasswordStrategies.strict(BCrypt.Version.VERSION_2A));
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    BcryptPasswords() {
        this(System::nanoTime);
    }

    BcryptPasswords(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    boolean check(Map<String, String> users, String user, String password) {
        String hash = users.get(user);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] hashBytes = hash == null ? Decoy.HASH : hash.getBytes(StandardCharsets.UTF_8);
        String key = hash == null ? null : cacheKey(user, hash, password);
        long now = nanoTime.getAsLong();
        if (key != null) {
            Long until = verified.get(key);
            if (until != null && until - now > 0) {
                return true;
            }
        }
        boolean ok;
        try {
            ok = passwordBytes.length <= MAX_PASSWORD_BYTES && verifyer.verify(passwordBytes, hashBytes).verified;
        } catch (RuntimeException e) {
            ok = false;
        }
        if (ok && key != null) {
            remember(key, now);
            return true;
        }
        return false;
    }

    int cached() {
        return verified.size();
    }

    private void remember(String key, long now) {
        if (verified.size() >= CACHE_ENTRIES) {
            verified.values().removeIf(until -> until - now <= 0);
            if (verified.size() >= CACHE_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key, now + CACHE_NANOS);
    }

    private static String cacheKey(String user, String hash, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {user, hash, password}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) (bytes.length >>> 24));
                sha.update((byte) (bytes.length >>> 16));
                sha.update((byte) (bytes.length >>> 8));
                sha.update((byte) bytes.length);
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
