package io.contiv.exporter.join;

import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.List;

/**
 * The outcome of joining OVS with netmaster: interfaces matched to endpoints, and interfaces that carry an endpoint
 * ID netmaster does not know.
 */
public record JoinResult(List<JoinedEndpoint> joined, List<OvsInterface> unknownEndpointInterfaces) {

    public JoinResult {
        joined = List.copyOf(joined);
        unknownEndpointInterfaces = List.copyOf(unknownEndpointInterfaces);
    }
}
