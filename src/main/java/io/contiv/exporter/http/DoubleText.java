package io.contiv.exporter.http;

import java.nio.charset.StandardCharsets;

/**
 * A sample value as the client library's text writers write it: {@code +Inf}, {@code -Inf}, else
 * {@link Double#toString(double)}'s text. Whole numbers below ten million, which {@code Double.toString} writes as
 * their digits and {@code .0}, are written directly; others through {@link StringBuilder#append(double)}, which
 * writes the same characters as {@code Double.toString} without making a string (a refresh writes a hundred
 * thousand values). Not thread-safe: one per writer.
 */
final class DoubleText {

    /** The longest text: {@code Double.toString} writes at most 24 characters. */
    static final int MAX_LENGTH = 26;

    private static final double PLAIN_LIMIT = 1e7;

    private final StringBuilder text = new StringBuilder(MAX_LENGTH);

    /** Writes {@code value} at {@code at} and returns the position after it. */
    int write(double value, byte[] buffer, int at) {
        if (value >= 0 && value < PLAIN_LIMIT && value == Math.rint(value) && !(value == 0 && 1 / value < 0)) {
            return writeWhole((long) value, buffer, at);
        }
        if (value == Double.POSITIVE_INFINITY) {
            return ascii("+Inf", buffer, at);
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return ascii("-Inf", buffer, at);
        }
        text.setLength(0);
        text.append(value);
        int length = text.length();
        for (int i = 0; i < length; i++) {
            buffer[at + i] = (byte) text.charAt(i);
        }
        return at + length;
    }

    private static int ascii(String text, byte[] buffer, int at) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, buffer, at, bytes.length);
        return at + bytes.length;
    }

    private static int writeWhole(long whole, byte[] buffer, int at) {
        int digits = 1;
        for (long rest = whole / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = at + digits;
        long rest = whole;
        for (int i = end - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        buffer[end] = '.';
        buffer[end + 1] = '0';
        return end + 2;
    }
}
