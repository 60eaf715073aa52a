package io.contiv.exporter.openflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The match of a flow, reduced to the fields a Contiv policy rule can set. Any other field the flow matches on is
 * kept, by name, in {@code otherFields}: a flow with such a condition is narrower than every rule, so it can never be
 * a rule's flow.
 */
public record FlowMatch(
        OptionalInt ethType,
        OptionalInt ipProto,
        Optional<MaskedValue> ipv4Src,
        Optional<MaskedValue> ipv4Dst,
        OptionalInt tcpSrc,
        OptionalInt tcpDst,
        OptionalInt udpSrc,
        OptionalInt udpDst,
        Optional<MaskedValue> tcpFlags,
        Optional<MaskedValue> metadata,
        List<String> otherFields) {

    public static final FlowMatch ANY = builder().build();

    public FlowMatch {
        otherFields = List.copyOf(otherFields);
    }

    /** True for the empty match of a table-miss flow. */
    public boolean isEmpty() {
        return equals(ANY);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        ethType.ifPresent(v -> parts.add("eth_type=0x" + Integer.toHexString(v)));
        ipProto.ifPresent(v -> parts.add("ip_proto=" + v));
        ipv4Src.ifPresent(v -> parts.add("ipv4_src=" + ipv4(v)));
        ipv4Dst.ifPresent(v -> parts.add("ipv4_dst=" + ipv4(v)));
        tcpSrc.ifPresent(v -> parts.add("tcp_src=" + v));
        tcpDst.ifPresent(v -> parts.add("tcp_dst=" + v));
        udpSrc.ifPresent(v -> parts.add("udp_src=" + v));
        udpDst.ifPresent(v -> parts.add("udp_dst=" + v));
        tcpFlags.ifPresent(v -> parts.add("tcp_flags=" + v));
        metadata.ifPresent(v -> parts.add("metadata=" + v));
        parts.addAll(otherFields);
        return parts.isEmpty() ? "(any)" : String.join(",", parts);
    }

    private static String ipv4(MaskedValue value) {
        long a = value.value();
        String address = ((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
        int prefix = Long.bitCount(value.mask());
        return prefix == 32 ? address : address + "/" + prefix;
    }

    /** Collects fields in any order, as they come off the wire or out of a rule. */
    public static final class Builder {
        private OptionalInt ethType = OptionalInt.empty();
        private OptionalInt ipProto = OptionalInt.empty();
        private Optional<MaskedValue> ipv4Src = Optional.empty();
        private Optional<MaskedValue> ipv4Dst = Optional.empty();
        private OptionalInt tcpSrc = OptionalInt.empty();
        private OptionalInt tcpDst = OptionalInt.empty();
        private OptionalInt udpSrc = OptionalInt.empty();
        private OptionalInt udpDst = OptionalInt.empty();
        private Optional<MaskedValue> tcpFlags = Optional.empty();
        private Optional<MaskedValue> metadata = Optional.empty();
        private final List<String> otherFields = new ArrayList<>();

        private Builder() {
        }

        public Builder ethType(int value) {
            ethType = OptionalInt.of(value);
            return this;
        }

        public Builder ipProto(int value) {
            ipProto = OptionalInt.of(value);
            return this;
        }

        public Builder ipv4Src(MaskedValue value) {
            ipv4Src = Optional.of(value);
            return this;
        }

        public Builder ipv4Dst(MaskedValue value) {
            ipv4Dst = Optional.of(value);
            return this;
        }

        public Builder tcpSrc(int value) {
            tcpSrc = OptionalInt.of(value);
            return this;
        }

        public Builder tcpDst(int value) {
            tcpDst = OptionalInt.of(value);
            return this;
        }

        public Builder udpSrc(int value) {
            udpSrc = OptionalInt.of(value);
            return this;
        }

        public Builder udpDst(int value) {
            udpDst = OptionalInt.of(value);
            return this;
        }

        public Builder tcpFlags(MaskedValue value) {
            tcpFlags = Optional.of(value);
            return this;
        }

        public Builder metadata(MaskedValue value) {
            metadata = Optional.of(value);
            return this;
        }

        public Builder otherField(String description) {
            otherFields.add(description);
            return this;
        }

        public FlowMatch build() {
            return new FlowMatch(ethType, ipProto, ipv4Src, ipv4Dst, tcpSrc, tcpDst, udpSrc, udpDst, tcpFlags,
                    metadata, otherFields);
        }
    }
}
