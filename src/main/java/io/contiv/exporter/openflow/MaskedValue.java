package io.contiv.exporter.openflow;

/**
 * A match on some bits of a field: the bits set in {@code mask} must equal those of {@code value}. Values are kept
 * normalised the way Open vSwitch normalises them (bits outside the mask cleared; an exact match is a mask of all
 * the field's bits), so two equal conditions are equal records however they were written.
 */
public record MaskedValue(long value, long mask) {

    public MaskedValue {
        value &= mask;
    }

    /** An exact match on a field {@code bits} wide. */
    public static MaskedValue exact(long value, int bits) {
        long all = allBits(bits);
        return new MaskedValue(value & all, all);
    }

    /** A masked match on a field {@code bits} wide. */
    public static MaskedValue masked(long value, long mask, int bits) {
        long all = allBits(bits);
        return new MaskedValue(value & all, mask & all);
    }

    /** An IPv4 prefix such as 10.1.0.0/16; {@code prefixLength} 32 is an exact match. */
    public static MaskedValue ipv4Prefix(long address, int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + prefixLength);
        }
        long mask = prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
        return new MaskedValue(address & 0xffffffffL, mask);
    }

    private static long allBits(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask);
    }
}
