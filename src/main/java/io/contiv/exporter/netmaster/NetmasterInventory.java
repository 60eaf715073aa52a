package io.contiv.exporter.netmaster;

import java.util.List;

/** Everything read from netmaster in one pass; lists are empty where the mode did not ask for them. */
public record NetmasterInventory(
        List<Tenant> tenants,
        List<Network> networks,
        List<EndpointGroup> endpointGroups,
        List<NetworkInspect> inspectedNetworks) {

    public NetmasterInventory {
        tenants = List.copyOf(tenants);
        networks = List.copyOf(networks);
        endpointGroups = List.copyOf(endpointGroups);
        inspectedNetworks = List.copyOf(inspectedNetworks);
    }
}
