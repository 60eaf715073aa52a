package io.contiv.exporter.endpoint;

import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.List;
import java.util.function.Predicate;

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

    /**
     * The endpoints of the tenants {@code served} accepts (their series only are written); the node's orphans and
     * missing endpoints stay as they are, whatever the tenant.
     */
    public JoinResult servingTenants(Predicate<String> served) {
        return new JoinResult(joined.stream().filter(j -> served.test(j.endpoint().tenant())).toList(),
                unknownEndpointInterfaces, missingEndpoints);
    }
}
