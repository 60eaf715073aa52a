package io.contiv.exporter.netmaster;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what netmaster mode needs from the leading netmaster. */
public final class NetmasterReader {

    private static final Logger LOG = LoggerFactory.getLogger(NetmasterReader.class);

    private final NetmasterClient client;

    public NetmasterReader(NetmasterClient client) {
        this.client = client;
    }

    /** Netmaster mode: tenants, networks, groups and every network's operational state. */
    public NetmasterInventory readInventory(String leader) throws NetmasterException {
        List<Tenant> tenants = client.tenants(leader);
        List<Network> networks = client.networks(leader);
        List<EndpointGroup> groups = client.endpointGroups(leader);
        return new NetmasterInventory(tenants, networks, groups, inspect(leader, networks));
    }

    private List<NetworkInspect> inspect(String leader, List<Network> networks) throws NetmasterException {
        List<NetworkInspect> inspected = new ArrayList<>(networks.size());
        for (Network network : networks) {
            try {
                inspected.add(client.inspectNetwork(leader, network.inspectKey()));
            } catch (NetmasterNotFoundException e) {
                // deleted between the list and the inspect: it has no endpoints left to report
                LOG.debug("network {} vanished before it could be inspected", network.inspectKey());
            }
        }
        return inspected;
    }
}
