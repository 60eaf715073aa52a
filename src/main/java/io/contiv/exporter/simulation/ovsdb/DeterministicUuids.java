package io.contiv.exporter.simulation.ovsdb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Random-looking (version 4) UUIDs that are a function of a seed and a name, so that a seeded simulation
 * always hands out the same {@code _uuid} and {@code _version} values.
 */
public final class DeterministicUuids {
    private final long seed;

    public DeterministicUuids(long seed) {
        this.seed = seed;
    }

    public UUID rowUuid(String table, String key) {
        return derive("row/" + table + "/" + key);
    }

    public UUID versionUuid(UUID row, long generation) {
        return derive("version/" + row + "/" + generation);
    }

    private UUID derive(String name) {
        byte[] hash = sha256(seed + "/" + name);
        long high = toLong(hash, 0);
        long low = toLong(hash, 8);
        high = (high & ~0xF000L) | 0x4000L;                    // version 4
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
