package io.contiv.exporter.simulation;

import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Random-looking, seed-determined endpoint and container IDs for endpoint number {@code k}, computed
 * on demand so that a model of millions of endpoints costs nothing until read.
 *
 * <p>The first 12 hex digits of an endpoint ID are a bijective scramble of {@code k}: that is exactly
 * the part in netmaster's endpoint key and etcd state ID, so both can be mapped back to the endpoint
 * without an index.
 */
final class EndpointIdentity {

    private static final int PREFIX_BITS = 48;
    private static final long PREFIX_MASK = (1L << PREFIX_BITS) - 1;
    private static final int HALF = PREFIX_BITS / 2;
    private static final long MULTIPLIER_A = 0x9E3779B97F4BL; // odd, hence invertible modulo 2^48
    private static final long MULTIPLIER_B = 0xC2B2AE3D27D5L;
    private static final long INVERSE_A = inverse(MULTIPLIER_A);
    private static final long INVERSE_B = inverse(MULTIPLIER_B);
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final long salt;

    EndpointIdentity(long seed) {
        this.seed = seed;
        this.salt = new SplittableRandom(seed).nextLong() & PREFIX_MASK;
    }

    String endpointId(int k) {
        SplittableRandom random = randomFor(k);
        StringBuilder id = new StringBuilder(64);
        id.append(String.format("%012x", scramble(k)));
        for (int i = 0; i < 3; i++) {
            id.append(hex16(random.nextLong()));
        }
        id.append(hex16(random.nextLong()), 0, 4);
        return id.toString();
    }

    String containerId(int k) {
        SplittableRandom random = randomFor(k);
        for (int i = 0; i < 4; i++) {
            random.nextLong(); // skip what the endpoint ID used
        }
        StringBuilder id = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            id.append(hex16(random.nextLong()));
        }
        return id.toString();
    }

    /** The endpoint number whose ID starts with {@code hexPrefix} (12+ hex digits), if it is below {@code count}. */
    OptionalInt indexOf(String hexPrefix, int count) {
        if (hexPrefix.length() < 12) {
            return OptionalInt.empty();
        }
        long scrambled;
        try {
            scrambled = Long.parseLong(hexPrefix.substring(0, 12), 16);
        } catch (NumberFormatException notHex) {
            return OptionalInt.empty();
        }
        long k = unscramble(scrambled);
        return k < count ? OptionalInt.of((int) k) : OptionalInt.empty();
    }

    private SplittableRandom randomFor(int k) {
        return new SplittableRandom(seed * GOLDEN_GAMMA + k);
    }

    private long scramble(long k) {
        long x = (k + salt) & PREFIX_MASK;
        x ^= x >>> HALF;
        x = (x * MULTIPLIER_A) & PREFIX_MASK;
        x ^= x >>> HALF;
        x = (x * MULTIPLIER_B) & PREFIX_MASK;
        x ^= x >>> HALF;
        return x;
    }

    private long unscramble(long x) {
        x ^= x >>> HALF; // a xor-shift by half the width is its own inverse
        x = (x * INVERSE_B) & PREFIX_MASK;
        x ^= x >>> HALF;
        x = (x * INVERSE_A) & PREFIX_MASK;
        x ^= x >>> HALF;
        return (x - salt) & PREFIX_MASK;
    }

    /** Multiplicative inverse of an odd number modulo 2^64 (hence also modulo 2^48), by Newton's iteration. */
    private static long inverse(long odd) {
        long inverse = odd; // correct to 3 bits; each step doubles the correct bits
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }

    private static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
