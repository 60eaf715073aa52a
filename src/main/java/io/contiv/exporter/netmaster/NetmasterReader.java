package io.contiv.exporter.netmaster;

import io.contiv.exporter.ExporterLogs;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** Reads the leading netmaster whole: what netmaster mode serves, and the VTEP owners of a node without etcd. */
public final class NetmasterReader {

    private static final Logger LOG = ExporterLogs.logger(NetmasterReader.class);

    private final NetmasterClient client;

    public NetmasterReader(NetmasterClient client) {
        this.client = client;
    }

    /**
     * Netplugin mode without etcd, for the tunnels' remote hosts: the endpoints of every data network (infra networks
     * carry none and are skipped).
     */
    public NetmasterInventory readEndpoints(String leader) throws NetmasterException {
        List<Network> networks = client.networks(leader);
        List<NetworkInspect> inspected = inspect(leader, networks.stream().filter(n -> !n.isInfra()).toList());
        return new NetmasterInventory(List.of(), networks, List.of(), inspected);
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
