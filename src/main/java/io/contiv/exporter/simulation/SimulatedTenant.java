package io.contiv.exporter.simulation;

import java.util.List;

/**
 * A tenant with its data networks and their endpoint groups. The infra network is not among
 * {@code networks}: netmaster does not link it to its tenant either (see the reference tenants.json).
 */
public record SimulatedTenant(String name, List<SimulatedNetwork> networks, List<SimulatedEndpointGroup> endpointGroups) {

    public SimulatedTenant {
        networks = List.copyOf(networks);
        endpointGroups = List.copyOf(endpointGroups);
    }
}
