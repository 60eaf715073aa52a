package io.contiv.exporter.endpoint;

import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.List;

/**
 * The outcome of joining OVS with netmaster: interfaces matched to endpoints, interfaces that carry an endpoint ID
 * netmaster does not know (orphans), and endpoints netmaster places on this host that OVS lacks.
 */
public record JoinResult(List<JoinedEndpoint> joined, List<OvsInterface> unknownEndpointInterfaces,
                         List<EndpointMetadata> missingEndpoints) {

    public JoinResult {
        joined = List.copyOf(joined);
        unknownEndpointInterfaces = List.copyOf(unknownEndpointInterfaces);
        missingEndpoints = List.copyOf(missingEndpoints);
    }
}
