package io.contiv.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Checks user names and passwords against bcrypt hashes. bcrypt costs tens of milliseconds per check by design and
 * Prometheus scrapes every few seconds, so a check's answer is remembered for a short while, keyed by a SHA-256 of
 * user, hash and password (the password itself is never kept): a scraper with the right password costs one bcrypt a
 * minute, and a client repeating a wrong one costs none. An unknown user is checked against a fixed hash so
 * that timing does not tell which users exist; bcrypt's own comparison is constant-time.
 */
final class BcryptPasswords {

    static final long CACHE_NANOS = 60_000_000_000L;
    static final int CACHE_ENTRIES = 256;
    static final int MAX_WAITING = 3;
    static final long GATE_WAIT_MILLIS = 2_000;
    static final long PENALTY_NANOS = 1_000_000_000L;

    /** bcrypt (cost 10) of a random password, made once: what an unknown user's password is checked against. */
    private static final class Decoy {
        static final byte[] HASH = BCrypt.with(BCrypt.Version.VERSION_2Y).hash(10,
                java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static final int MAX_PASSWORD_BYTES = 72;

    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(null,
            LongPasswordStrategies.strict(BCrypt.Version.VERSION_2A));
    /** bcrypt checks at once: one, so that wrong passwords never take more than one core. */
    private final Semaphore gate = new Semaphore(1, true);
    private final AtomicInteger waiting = new AtomicInteger();
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> verified = new ConcurrentHashMap<>();
    private final Map<String, Long> refused = new ConcurrentHashMap<>();
    private final Map<String, Long> penalized = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    BcryptPasswords() {
        this(System::nanoTime);
    }

    BcryptPasswords(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** What a guarded check found. */
    enum Verdict { ALLOWED, DENIED, BUSY }

    /**
     * As {@link #check(Map, String, String)}, but a bcrypt computation is CPU an attacker could spend at will, so
     * they are bounded: one at a time, at most {@link #MAX_WAITING} clients waiting in line (each waits at most
     * {@link #GATE_WAIT_MILLIS}), one check per client address at a time, and for {@link #PENALTY_NANOS} after a
     * wrong password the same client's next credentials are refused unchecked. What is remembered (successes, and
     * failures of the same password) costs no bcrypt. Past a bound on waiting the answer is {@link Verdict#BUSY}.
     */
    Verdict check(Map<String, String> users, String user, String password, String client) {
        String key = cacheKey(user, users.getOrDefault(user, ""), password);
        long now = nanoTime.getAsLong();
        if (fresh(verified, key, now)) {
            return Verdict.ALLOWED;
        }
        if (fresh(refused, key, now)) {
            return Verdict.DENIED;
        }
        if (fresh(penalized, client, now)) {
            return Verdict.DENIED;
        }
        if (!checking.add(client)) {
            return Verdict.BUSY;
        }
        try {
            if (waiting.incrementAndGet() > MAX_WAITING || !gate.tryAcquire(GATE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return Verdict.BUSY;
            }
            boolean ok;
            try {
                ok = check(users, user, password);
            } finally {
                gate.release();
            }
            if (!ok) {
                remember(penalized, client, nanoTime.getAsLong(), PENALTY_NANOS);
            }
            return ok ? Verdict.ALLOWED : Verdict.DENIED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.BUSY;
        } finally {
            waiting.decrementAndGet();
            checking.remove(client);
        }
    }

    /** Checks the password (bcrypt, unless the same answer is remembered), with no bound on concurrent checks. */
    boolean check(Map<String, String> users, String user, String password) {
        String hash = users.get(user);
        byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] hashBytes = hash == null ? Decoy.HASH : hash.getBytes(StandardCharsets.UTF_8);
        String key = cacheKey(user, hash == null ? "" : hash, password);
        long now = nanoTime.getAsLong();
        if (fresh(verified, key, now)) {
            return true;
        }
        if (fresh(refused, key, now)) {
            return false;
        }
        boolean ok;
        try {
            ok = hash != null && passwordBytes.length <= MAX_PASSWORD_BYTES
                    && verifyer.verify(passwordBytes, hashBytes).verified;
            if (hash == null) {
                verifyer.verify(passwordBytes, hashBytes); // the same time as for a known user
            }
        } catch (RuntimeException e) {
            ok = false;
        }
        remember(ok ? verified : refused, key, now, CACHE_NANOS);
        return ok;
    }

    int cached() {
        return verified.size();
    }

    int refusedRemembered() {
        return refused.size();
    }

    private static boolean fresh(Map<String, Long> entries, String key, long now) {
        Long until = entries.get(key);
        return until != null && until - now > 0;
    }

    private static void remember(Map<String, Long> entries, String key, long now, long forNanos) {
        if (entries.size() >= CACHE_ENTRIES) {
            entries.values().removeIf(until -> until - now <= 0);
            if (entries.size() >= CACHE_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, now + forNanos);
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
