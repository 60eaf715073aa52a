package io.contiv.exporter.simulation.etcd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.contiv.exporter.simulation.SimulatedNetwork;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The value netmaster stores per network at {@code /contiv.io/state/nets/<network>.<tenant>}: netplugin's
 * {@code CfgNetworkState} marshalled by Go, every field present, the address allocation a bitset (its binary form,
 * bit count then 64-bit words, big-endian, in base64) with one bit per address of the subnet.
 */
public final class NetworkStateJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private NetworkStateJson() {
    }

    /** @param endpoints the endpoints the network holds: the first addresses, allocated */
    public static String render(SimulatedNetwork network, int endpoints) {
        String[] subnet = network.subnet().split("/");
        int prefix = Integer.parseInt(subnet[1]);
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", network.networkId());
            json.writeStringField("tenant", network.tenantName());
            json.writeStringField("networkName", network.networkName());
            json.writeStringField("nwType", network.isInfra() ? "infra" : "data");
            json.writeStringField("pktTagType", network.encap().name().toLowerCase(java.util.Locale.ROOT));
            json.writeNumberField("pktTag", network.pktTag());
            json.writeNumberField("extPktTag", network.pktTag());
            json.writeStringField("subnetIP", subnet[0]);
            json.writeNumberField("subnetLen", prefix);
            json.writeStringField("gateway", network.gateway());
            json.writeStringField("ipAddrRange", "");
            json.writeNumberField("epAddrCount", endpoints);
            json.writeNumberField("epCount", endpoints);
            json.writeStringField("ipAllocMap", allocation(1 << (32 - prefix), endpoints));
            json.writeStringField("ipv6SubnetIP", "");
            json.writeNumberField("ipv6SubnetLen", 0);
            json.writeStringField("ipv6Gateway", "");
            json.writeNullField("ipv6AllocMap");
            json.writeStringField("ipv6LastHost", "");
            json.writeStringField("networkTag", "");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String allocation(int addresses, int allocated) {
        int words = (addresses + 63) / 64;
        ByteBuffer bits = ByteBuffer.allocate(8 + words * 8);
        bits.putLong(addresses);
        for (int w = 0; w < words; w++) {
            long word = 0;
            for (int b = 0; b < 64; b++) {
                int address = w * 64 + b;
                // the network address, then one address per endpoint
                if (address <= allocated) {
                    word |= 1L << b;
                }
            }
            bits.putLong(word);
        }
        return Base64.getUrlEncoder().encodeToString(bits.array());
    }
}
