package io.contiv.exporter.policy;

import io.contiv.exporter.openflow.FlowMatch;
import io.contiv.exporter.openflow.MaskedValue;
import java.util.Optional;

/**
 * The flow netplugin installs in the policy table for a rule: priority {@code 10 + Priority}, IPv4, and the fields
 * the rule sets, written the way ofnet writes them. Ports count only for TCP and UDP and TCP flags only for TCP
 * (ofnet drops them otherwise); the groups go into the metadata field, source in bits 16..30 and destination in
 * bits 1..15. Two of netplugin's flows never share match and priority, so this pair identifies the rule's flow.
 */
public record ExpectedFlow(int priority, FlowMatch match) {

    public static final int POLICY_TABLE = 5;
    public static final int PRIORITY_OFFSET = 10;
    public static final int MISS_PRIORITY = 1;

    static final int ETH_TYPE_IPV4 = 0x0800;
    static final int IP_PROTO_TCP = 6;
    static final int IP_PROTO_UDP = 17;
    static final int TCP_SYN = 0x02;
    static final int TCP_ACK = 0x10;
    static final long SRC_GROUP_MASK = 0x7fff0000L;
    static final long DST_GROUP_MASK = 0xfffeL;

    /** The rule's flow, or empty when ofnet would refuse the rule (an unreadable address or TCP flags). */
    public static Optional<ExpectedFlow> of(PolicyRule rule) {
        FlowMatch.Builder match = FlowMatch.builder().ethType(ETH_TYPE_IPV4);
        if (!rule.srcIpAddr().isEmpty()) {
            Optional<MaskedValue> source = Ipv4Prefixes.parse(rule.srcIpAddr());
            if (source.isEmpty()) {
                return Optional.empty();
            }
            match.ipv4Src(source.get());
        }
        if (!rule.dstIpAddr().isEmpty()) {
            Optional<MaskedValue> destination = Ipv4Prefixes.parse(rule.dstIpAddr());
            if (destination.isEmpty()) {
                return Optional.empty();
            }
            match.ipv4Dst(destination.get());
        }
        int protocol = rule.ipProtocol();
        if (protocol != 0) {
            match.ipProto(protocol);
        }
        if (protocol == IP_PROTO_TCP) {
            if (rule.srcPort() != 0) {
                match.tcpSrc(rule.srcPort());
            }
            if (rule.dstPort() != 0) {
                match.tcpDst(rule.dstPort());
            }
            if (!rule.tcpFlags().isEmpty()) {
                Optional<MaskedValue> flags = tcpFlags(rule.tcpFlags());
                if (flags.isEmpty()) {
                    return Optional.empty();
                }
                match.tcpFlags(flags.get());
            }
        } else if (protocol == IP_PROTO_UDP) {
            if (rule.srcPort() != 0) {
                match.udpSrc(rule.srcPort());
            }
            if (rule.dstPort() != 0) {
                match.udpDst(rule.dstPort());
            }
        }
        long metadata = 0;
        long mask = 0;
        if (rule.srcEndpointGroup() != 0) {
            metadata |= ((long) rule.srcEndpointGroup() << 16) & SRC_GROUP_MASK;
            mask |= SRC_GROUP_MASK;
        }
        if (rule.dstEndpointGroup() != 0) {
            metadata |= ((long) rule.dstEndpointGroup() << 1) & DST_GROUP_MASK;
            mask |= DST_GROUP_MASK;
        }
        if (mask != 0) {
            match.metadata(MaskedValue.masked(metadata, mask, 64));
        }
        return Optional.of(new ExpectedFlow(PRIORITY_OFFSET + rule.priority(), match.build()));
    }

    /** The TCP flag conditions ofnet knows; {@code !} means "flag clear". */
    static Optional<MaskedValue> tcpFlags(String flags) {
        return switch (flags) {
            case "syn" -> Optional.of(MaskedValue.masked(TCP_SYN, TCP_SYN, 12));
            case "syn,ack" -> Optional.of(MaskedValue.masked(TCP_SYN | TCP_ACK, TCP_SYN | TCP_ACK, 12));
            case "ack" -> Optional.of(MaskedValue.masked(TCP_ACK, TCP_ACK, 12));
            case "syn,!ack" -> Optional.of(MaskedValue.masked(TCP_SYN, TCP_SYN | TCP_ACK, 12));
            case "!syn,ack" -> Optional.of(MaskedValue.masked(TCP_ACK, TCP_SYN | TCP_ACK, 12));
            default -> Optional.empty();
        };
    }

    /** The source group in a policy-table metadata match, 0 when the match does not name one. */
    public static int sourceGroup(MaskedValue metadata) {
        return (metadata.mask() & SRC_GROUP_MASK) == SRC_GROUP_MASK
                ? (int) ((metadata.value() & SRC_GROUP_MASK) >>> 16) : 0;
    }

    /** The destination group in a policy-table metadata match, 0 when the match does not name one. */
    public static int destinationGroup(MaskedValue metadata) {
        return (metadata.mask() & DST_GROUP_MASK) == DST_GROUP_MASK
                ? (int) ((metadata.value() & DST_GROUP_MASK) >>> 1) : 0;
    }
}
