package io.contiv.exporter.endpoint;

import io.contiv.exporter.ovsdb.OvsInterface;

/** An OVS interface together with the netmaster endpoint it belongs to. */
public record JoinedEndpoint(EndpointMetadata endpoint, OvsInterface ovsInterface) {
}
