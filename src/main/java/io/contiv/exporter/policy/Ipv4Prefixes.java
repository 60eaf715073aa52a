package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.MaskedValue;
import java.util.Optional;

/**
 * Reads a rule's address, {@code a.b.c.d} or {@code a.b.c.d/n}, without any name lookup (InetAddress would resolve
 * a host name). Host bits beyond the prefix are cleared, as the switch does.
 */
final class Ipv4Prefixes {

    private Ipv4Prefixes() {
    }

    static Optional<MaskedValue> parse(String text) {
        String address = text.trim();
        int prefixLength = 32;
        int slash = address.indexOf('/');
        if (slash >= 0) {
            Optional<Integer> length = number(address.substring(slash + 1), 32);
            if (length.isEmpty()) {
                return Optional.empty();
            }
            prefixLength = length.get();
            address = address.substring(0, slash);
        }
        String[] octets = address.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String octet : octets) {
            Optional<Integer> number = number(octet, 255);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            value = (value << 8) | number.get();
        }
        return Optional.of(MaskedValue.ipv4Prefix(value, prefixLength));
    }

    private static Optional<Integer> number(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int value = Integer.parseInt(digits);
        return value <= max ? Optional.of(value) : Optional.empty();
    }
}
