package io.contiv.exporter.simulation.netmaster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.SimulatedEndpointGroup;
import io.contiv.exporter.simulation.SimulatedNetwork;
import io.contiv.exporter.simulation.SimulatedTenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link SimulatedCluster} as netmaster's REST payloads, exactly in the shape of the
 * reference files: same field names and order, same nesting, absent fields where netmaster omits
 * empty ones. Where the reference shows a field although it is empty ({@code pktTag: 0},
 * {@code link-sets: {}}, {@code defaultNetwork: ""}, {@code intfName: ""}), so does this.
 *
 * <p>Each body ends with a newline, like the reference files. The {@code write} methods stream, so a
 * network with 100,000 endpoints is never held in memory as a whole.
 */
public final class NetmasterBodies {

    private final SimulatedCluster cluster;

    public NetmasterBodies(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    /** {@code /api/v1/networks/}. */
    public byte[] networks() {
        return render(this::writeNetworks);
    }

    /** {@code /api/v1/tenants/}. */
    public byte[] tenants() {
        return render(this::writeTenants);
    }

    /** {@code /api/v1/endpointGroups/}. */
    public byte[] endpointGroups() {
        return render(this::writeEndpointGroups);
    }

    /** {@code /api/v1/inspect/networks/<tenant>:<network>/}; empty for an unknown network. */
    public Optional<byte[]> inspectNetwork(String networkKey) {
        return cluster.network(networkKey).map(network -> render(out -> writeInspect(network, out)));
    }

    public void writeNetworks(OutputStream out) throws IOException {
        try (JsonGenerator json = GoIndentedJson.generator(out)) {
            json.writeStartArray();
            for (SimulatedNetwork network : cluster.networks()) {
                writeNetwork(json, network);
            }
            json.writeEndArray();
        }
        out.write('\n');
    }

    public void writeTenants(OutputStream out) throws IOException {
        try (JsonGenerator json = GoIndentedJson.generator(out)) {
            json.writeStartArray();
            for (SimulatedTenant tenant : cluster.tenants()) {
                writeTenant(json, tenant);
            }
            json.writeEndArray();
        }
        out.write('\n');
    }

    public void writeEndpointGroups(OutputStream out) throws IOException {
        try (JsonGenerator json = GoIndentedJson.generator(out)) {
            json.writeStartArray();
            for (SimulatedEndpointGroup group : cluster.endpointGroups()) {
                writeEndpointGroup(json, group);
            }
            json.writeEndArray();
        }
        out.write('\n');
    }

    /**
     * {@code /api/v1/inspect/endpoints/<key>/}: {@code {"Oper": EndpointOper}} as Go's JSON encoder writes
     * netmaster's struct (compact, fields in struct order, empty ones left out), {@code key} the one asked for.
     */
    public byte[] endpointInspect(String key, Endpoint endpoint) {
        return render(out -> {
            try (JsonGenerator json = JsonFactory.builder().build().createGenerator(out)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartObject();
                json.writeObjectFieldStart("Oper");
                writeIfNotEmpty(json, "key", key);
                writeIfNotEmpty(json, "containerID", endpoint.containerID());
                writeIfNotEmpty(json, "containerName", endpoint.containerName());
                if (endpoint.group().isPresent()) {
                    json.writeNumberField("endpointGroupId", endpoint.group().get().id());
                    json.writeStringField("endpointGroupKey", endpoint.group().get().endpointGroupKey());
                }
                writeIfNotEmpty(json, "endpointID", endpoint.endpointID());
                writeIfNotEmpty(json, "homingHost", endpoint.homingHost());
                json.writeArrayFieldStart("ipAddress");
                json.writeString(endpoint.ipAddress());
                json.writeString("");
                json.writeEndArray();
                json.writeStringField("labels", "map[]");
                writeIfNotEmpty(json, "macAddress", endpoint.macAddress());
                writeIfNotEmpty(json, "network", endpoint.networkId());
                if (endpoint.group().isPresent()) {
                    json.writeStringField("serviceName", endpoint.group().get().groupName());
                }
                writeIfNotEmpty(json, "vtepIP", endpoint.vtepIP());
                json.writeEndObject();
                json.writeEndObject();
            }
            out.write('\n');
        });
    }

    /** Writes {@code {"Config": Network, "Oper": NetworkOper}} for a network of this cluster. */
    public void writeInspect(SimulatedNetwork network, OutputStream out) throws IOException {
        List<Endpoint> endpoints = cluster.endpointsOf(network);
        try (JsonGenerator json = GoIndentedJson.generator(out)) {
            json.writeStartObject();
            json.writeFieldName("Config");
            writeNetwork(json, network);
            json.writeObjectFieldStart("Oper");
            if (!endpoints.isEmpty()) {
                json.writeArrayFieldStart("endpoints");
                for (Endpoint endpoint : endpoints) {
                    writeEndpoint(json, endpoint);
                }
                json.writeEndArray();
            }
            writeIfNotZero(json, "numEndpoints", endpoints.size());
            // every endpoint holds one address of the network
            writeIfNotZero(json, "allocatedAddressesCount", endpoints.size());
            writeIfNotZero(json, "pktTag", network.pktTag());
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static void writeNetwork(JsonGenerator json, SimulatedNetwork network) throws IOException {
        json.writeStartObject();
        writeIfNotEmpty(json, "key", network.key());
        writeIfNotEmpty(json, "tenantName", network.tenantName());
        writeIfNotEmpty(json, "networkName", network.networkName());
        writeIfNotEmpty(json, "nwType", network.type().wireName());
        writeIfNotEmpty(json, "encap", network.encap().wireName());
        writeIfNotEmpty(json, "subnet", network.subnet());
        writeIfNotEmpty(json, "gateway", network.gateway());
        json.writeNumberField("pktTag", network.pktTag()); // present even when 0, as for contivh1
        json.writeObjectFieldStart("link-sets");
        writeLinkSet(json, "EndpointGroups", "endpointGroup",
                network.endpointGroups().stream().map(SimulatedEndpointGroup::key).toList());
        json.writeEndObject();
        json.writeObjectFieldStart("links");
        writeLink(json, "Tenant", "tenant", network.tenantName());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeEndpoint(JsonGenerator json, Endpoint endpoint) throws IOException {
        json.writeStartObject();
        writeIfNotEmpty(json, "endpointID", endpoint.endpointID());
        writeIfNotEmpty(json, "containerID", endpoint.containerID());
        writeIfNotEmpty(json, "containerName", endpoint.containerName());
        writeIfNotEmpty(json, "homingHost", endpoint.homingHost());
        json.writeArrayFieldStart("ipAddress");
        json.writeString(endpoint.ipAddress());
        json.writeString(""); // the IPv6 address; Contiv lists both families
        json.writeEndArray();
        writeIfNotEmpty(json, "macAddress", endpoint.macAddress());
        writeIfNotEmpty(json, "network", endpoint.networkId());
        json.writeStringField("labels", "map[]"); // netmaster prints its Go label map with %s
        json.writeStringField("intfName", ""); // netmaster never learns the OVS port name
        writeIfNotEmpty(json, "vtepIP", endpoint.vtepIP());
        writeIfNotEmpty(json, "key", endpoint.key());
        if (endpoint.group().isPresent()) {
            SimulatedEndpointGroup group = endpoint.group().get();
            json.writeStringField("serviceName", group.groupName());
            json.writeStringField("endpointGroupKey", group.endpointGroupKey());
            json.writeNumberField("endpointGroupId", group.id());
        }
        json.writeEndObject();
    }

    private static void writeTenant(JsonGenerator json, SimulatedTenant tenant) throws IOException {
        json.writeStartObject();
        writeIfNotEmpty(json, "key", tenant.name());
        writeIfNotEmpty(json, "tenantName", tenant.name());
        json.writeStringField("defaultNetwork", ""); // present although empty, as in the reference
        json.writeObjectFieldStart("link-sets");
        writeLinkSet(json, "Networks", "network", tenant.networks().stream().map(SimulatedNetwork::key).toList());
        writeLinkSet(json, "EndpointGroups", "endpointGroup",
                tenant.endpointGroups().stream().map(SimulatedEndpointGroup::key).toList());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeEndpointGroup(JsonGenerator json, SimulatedEndpointGroup group) throws IOException {
        json.writeStartObject();
        writeIfNotEmpty(json, "key", group.key());
        writeIfNotEmpty(json, "groupName", group.groupName());
        writeIfNotEmpty(json, "networkName", group.networkName());
        writeIfNotEmpty(json, "tenantName", group.tenantName());
        if (!group.policies().isEmpty()) {
            json.writeArrayFieldStart("policies");
            for (String policy : group.policies()) {
                json.writeString(policy);
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("link-sets");
        writeLinkSet(json, "Policies", "policy",
                group.policies().stream().map(policy -> group.tenantName() + ":" + policy).toList());
        json.writeEndObject();
        json.writeObjectFieldStart("links");
        writeLink(json, "Network", "network", group.networkKey());
        writeLink(json, "Tenant", "tenant", group.tenantName());
        if (group.netProfile().isPresent()) {
            // a single link, never a link-set: a group has at most one net profile
            writeLink(json, "NetProfile", "netprofile", group.tenantName() + ":" + group.netProfile().get());
        }
        json.writeEndObject();
        writeIfNotEmpty(json, "netProfile", group.netProfile().orElse(""));
        json.writeEndObject();
    }

    private static void writeLinkSet(JsonGenerator json, String name, String type, List<String> keys)
            throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(name);
        for (String key : keys) {
            writeLink(json, key, type, key);
        }
        json.writeEndObject();
    }

    private static void writeLink(JsonGenerator json, String field, String type, String key) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("type", type);
        json.writeStringField("key", key);
        json.writeEndObject();
    }

    private static void writeIfNotEmpty(JsonGenerator json, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }

    private static void writeIfNotZero(JsonGenerator json, String field, long value) throws IOException {
        if (value != 0) {
            json.writeNumberField(field, value);
        }
    }

    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static byte[] render(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writer.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
