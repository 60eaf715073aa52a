package io.contiv.exporter.inventory;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalDouble;

/**
 * How many addresses netmaster can hand out: a subnet less its network and broadcast addresses and the gateway,
 * or an endpoint group's {@code ipPool} range ({@code first-last}, as netmaster writes it).
 */
public final class AddressPools {

    private AddressPools() {
    }

    /** Capacity of {@code a.b.c.d/n} or {@code v6::/n}; empty when the text is not a subnet. */
    public static OptionalDouble subnetCapacity(String subnet, String gateway) {
        if (subnet == null || subnet.isBlank() || !subnet.contains("/")) {
            return OptionalDouble.empty();
        }
        String[] parts = subnet.trim().split("/", 2);
        byte[] network = literal(parts[0]);
        if (network == null) {
            return OptionalDouble.empty();
        }
        int bits = network.length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
        if (prefix < 0 || prefix > bits) {
            return OptionalDouble.empty();
        }
        BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
        // IPv4 reserves the network and broadcast addresses; IPv6 has no broadcast but reserves the
        // subnet-router anycast address, which is the same all-zero host part
        int reserved = network.length == 4 ? (prefix <= 30 ? 2 : 0) : (prefix < 128 ? 1 : 0);
        BigInteger usable = size.subtract(BigInteger.valueOf(reserved));
        if (gateway != null && !gateway.isBlank() && contains(network, prefix, literal(gateway.trim()))) {
            usable = usable.subtract(BigInteger.ONE);
        }
        return OptionalDouble.of(Math.max(0, usable.doubleValue()));
    }

    /** Capacity of an {@code ipPool} such as {@code 10.0.0.10-10.0.0.50}, less the gateway when it lies inside. */
    public static OptionalDouble rangeCapacity(String range, String gateway) {
        if (range == null || !range.contains("-")) {
            return OptionalDouble.empty();
        }
        String[] ends = range.trim().split("-", 2);
        byte[] first = literal(ends[0].trim());
        byte[] last = literal(ends[1].trim());
        if (first == null || last == null || first.length != last.length) {
            return OptionalDouble.empty();
        }
        BigInteger low = new BigInteger(1, first);
        BigInteger high = new BigInteger(1, last);
        if (high.compareTo(low) < 0) {
            return OptionalDouble.empty();
        }
        BigInteger size = high.subtract(low).add(BigInteger.ONE);
        byte[] gw = gateway == null || gateway.isBlank() ? null : literal(gateway.trim());
        if (gw != null && gw.length == first.length) {
            BigInteger g = new BigInteger(1, gw);
            if (g.compareTo(low) >= 0 && g.compareTo(high) <= 0) {
                size = size.subtract(BigInteger.ONE);
            }
        }
        return OptionalDouble.of(size.doubleValue());
    }

    private static boolean contains(byte[] network, int prefix, byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    }

    /** Parses only numeric address literals: never a host name, so never a DNS lookup. */
    private static byte[] literal(String text) {
        if (text.isEmpty() || !(text.contains(":") || text.matches("[0-9.]+"))) {
            return null;
        }
        if (!text.contains(":") && text.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
