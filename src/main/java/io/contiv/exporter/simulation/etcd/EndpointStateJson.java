package io.contiv.exporter.simulation.etcd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedEndpointGroup;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The value netmaster stores per endpoint at {@code /contiv.io/state/eps/<id>}: its endpoint state
 * marshalled by Go without {@code omitempty}, so every field is present (empty string or 0 when the
 * endpoint has no group), in the struct's field order.
 */
public final class EndpointStateJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private EndpointStateJson() {
    }

    public static String render(Endpoint endpoint) {
        StringWriter out = new StringWriter(768);
        Optional<SimulatedEndpointGroup> group = endpoint.group();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", endpoint.key());
            json.writeStringField("netID", endpoint.networkId());
            json.writeStringField("endpointID", endpoint.endpointID());
            json.writeStringField("serviceName", group.map(SimulatedEndpointGroup::groupName).orElse(""));
            json.writeNumberField("endpointGroupId", group.map(SimulatedEndpointGroup::id).orElse(0));
            json.writeStringField("endpointGroupKey", group.map(SimulatedEndpointGroup::endpointGroupKey).orElse(""));
            json.writeStringField("ipAddress", endpoint.ipAddress());
            json.writeStringField("ipv6Address", "");
            json.writeStringField("macAddress", endpoint.macAddress());
            json.writeStringField("homingHost", endpoint.homingHost());
            // netmaster never learns the OVS port name; netmaster's inspect shows the same empty intfName
            json.writeStringField("intfName", "");
            json.writeStringField("vtepIP", endpoint.vtepIP());
            json.writeObjectFieldStart("labels");
            json.writeEndObject();
            json.writeStringField("containerId", endpoint.containerID());
            json.writeStringField("epCommonName", endpoint.containerName());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
