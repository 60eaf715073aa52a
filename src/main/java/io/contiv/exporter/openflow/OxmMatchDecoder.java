package io.contiv.exporter.openflow;

import static io.contiv.exporter.openflow.OpenFlow13.NXM_NX_TCP_FLAGS;
import static io.contiv.exporter.openflow.OpenFlow13.OFPMT_OXM;
import static io.contiv.exporter.openflow.OpenFlow13.OFPXMC_EXPERIMENTER;
import static io.contiv.exporter.openflow.OpenFlow13.OFPXMC_NXM_1;
import static io.contiv.exporter.openflow.OpenFlow13.OFPXMC_OPENFLOW_BASIC;
import static io.contiv.exporter.openflow.OpenFlow13.ONF_EXPERIMENTER_ID;
import static io.contiv.exporter.openflow.OpenFlow13.ONF_TCP_FLAGS;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Decodes an OpenFlow 1.3 {@code ofp_match} of type OXM. Fields a policy rule can set become typed values; every
 * other field is skipped by its length and remembered by name, so a match on, say, {@code in_port} is never mistaken
 * for a rule's match.
 */
final class OxmMatchDecoder {

    private static final int TCP_FLAGS_BITS = 12;
    private static final Map<Integer, String> BASIC_FIELD_NAMES = Map.ofEntries(
            Map.entry(0, "in_port"), Map.entry(1, "in_phy_port"), Map.entry(3, "eth_dst"), Map.entry(4, "eth_src"),
            Map.entry(6, "vlan_vid"), Map.entry(7, "vlan_pcp"), Map.entry(8, "ip_dscp"), Map.entry(9, "ip_ecn"),
            Map.entry(19, "icmpv4_type"), Map.entry(20, "icmpv4_code"), Map.entry(21, "arp_op"),
            Map.entry(27, "ipv6_src"), Map.entry(28, "ipv6_dst"), Map.entry(38, "tunnel_id"));

    private OxmMatchDecoder() {
    }

    /**
     * Reads the match at the buffer's position and leaves the position after it, padding included.
     */
    static FlowMatch decode(ByteBuffer in) throws OpenFlowException {
        int start = in.position();
        if (in.remaining() < 4) {
            throw new OpenFlowException("truncated match: " + in.remaining() + " bytes left");
        }
        int type = in.getShort() & 0xffff;
        int length = in.getShort() & 0xffff;
        int padded = (length + 7) / 8 * 8;
        if (type != OFPMT_OXM) {
            throw new OpenFlowException("match of type " + type + " is not an OXM match");
        }
        if (length < 4 || start + padded > in.limit()) {
            throw new OpenFlowException("match length " + length + " does not fit in " + (in.limit() - start)
                    + " bytes");
        }
        FlowMatch.Builder match = FlowMatch.builder();
        int end = start + length;
        while (in.position() < end) {
            if (end - in.position() < 4) {
                throw new OpenFlowException("truncated OXM header in match");
            }
            int header = in.getInt();
            int oxmClass = header >>> 16;
            int field = (header >>> 9) & 0x7f;
            boolean hasMask = (header & 0x100) != 0;
            int payloadLength = header & 0xff;
            if (in.position() + payloadLength > end) {
                throw new OpenFlowException("OXM field class 0x" + Integer.toHexString(oxmClass) + " field " + field
                        + " of " + payloadLength + " bytes overruns its match");
            }
            byte[] payload = new byte[payloadLength];
            in.get(payload);
            decodeField(oxmClass, field, hasMask, ByteBuffer.wrap(payload), match);
        }
        in.position(start + padded);
        return match.build();
    }

    private static void decodeField(int oxmClass, int field, boolean hasMask, ByteBuffer payload,
                                    FlowMatch.Builder match) throws OpenFlowException {
        if (oxmClass == OFPXMC_OPENFLOW_BASIC) {
            decodeBasic(field, hasMask, payload, match);
        } else if (oxmClass == OFPXMC_EXPERIMENTER && payload.remaining() >= 4
                && (payload.getInt(0) & 0xffffffffL) == ONF_EXPERIMENTER_ID && field == ONF_TCP_FLAGS) {
            payload.position(4);
            match.tcpFlags(masked(payload, hasMask, 2, TCP_FLAGS_BITS, "tcp_flags"));
        } else if (oxmClass == OFPXMC_NXM_1 && field == NXM_NX_TCP_FLAGS) {
            match.tcpFlags(masked(payload, hasMask, 2, TCP_FLAGS_BITS, "tcp_flags"));
        } else {
            match.otherField(describe("oxm class 0x" + Integer.toHexString(oxmClass) + " field " + field, payload));
        }
    }

    private static void decodeBasic(int field, boolean hasMask, ByteBuffer payload, FlowMatch.Builder match)
            throws OpenFlowException {
        switch (field) {
            case OpenFlow13.OXM_METADATA -> match.metadata(masked(payload, hasMask, 8, 64, "metadata"));
            case OpenFlow13.OXM_ETH_TYPE -> match.ethType(exact(payload, hasMask, 2, "eth_type"));
            case OpenFlow13.OXM_IP_PROTO -> match.ipProto(exact(payload, hasMask, 1, "ip_proto"));
            case OpenFlow13.OXM_IPV4_SRC -> match.ipv4Src(masked(payload, hasMask, 4, 32, "ipv4_src"));
            case OpenFlow13.OXM_IPV4_DST -> match.ipv4Dst(masked(payload, hasMask, 4, 32, "ipv4_dst"));
            case OpenFlow13.OXM_TCP_SRC -> port(payload, hasMask, "tcp_src", match::tcpSrc, match);
            case OpenFlow13.OXM_TCP_DST -> port(payload, hasMask, "tcp_dst", match::tcpDst, match);
            case OpenFlow13.OXM_UDP_SRC -> port(payload, hasMask, "udp_src", match::udpSrc, match);
            case OpenFlow13.OXM_UDP_DST -> port(payload, hasMask, "udp_dst", match::udpDst, match);
            case OpenFlow13.OXM_TCP_FLAGS -> match.tcpFlags(masked(payload, hasMask, 2, TCP_FLAGS_BITS, "tcp_flags"));
            default -> match.otherField(describe(BASIC_FIELD_NAMES.getOrDefault(field, "oxm field " + field),
                    payload));
        }
    }

    /** Rules never mask a port; a masked port stays an "other" condition so that it joins no rule. */
    private static void port(ByteBuffer payload, boolean hasMask, String name,
                             IntFunction<FlowMatch.Builder> exactPort, FlowMatch.Builder match)
            throws OpenFlowException {
        if (hasMask) {
            match.otherField(describe(name + " (masked)", payload));
        } else {
            exactPort.apply(exact(payload, false, 2, name));
        }
    }

    private static int exact(ByteBuffer payload, boolean hasMask, int width, String name) throws OpenFlowException {
        expectLength(payload, hasMask ? 2 * width : width, name);
        return (int) read(payload, width);
    }

    private static MaskedValue masked(ByteBuffer payload, boolean hasMask, int width, int bits, String name)
            throws OpenFlowException {
        expectLength(payload, hasMask ? 2 * width : width, name);
        long value = read(payload, width);
        return hasMask ? MaskedValue.masked(value, read(payload, width), bits) : MaskedValue.exact(value, bits);
    }

    private static void expectLength(ByteBuffer payload, int expected, String name) throws OpenFlowException {
        if (payload.remaining() != expected) {
            throw new OpenFlowException(name + " field has " + payload.remaining() + " bytes, expected " + expected);
        }
    }

    private static long read(ByteBuffer payload, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (payload.get() & 0xff);
        }
        return value;
    }

    private static String describe(String name, ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return name + "=0x" + HexFormat.of().formatHex(bytes);
    }
}
