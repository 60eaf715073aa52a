package io.contiv.exporter.tunnel;

import io.contiv.exporter.inventory.NetmasterSource;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.NetworkInspect;
import java.util.Map;
import java.util.Set;

/**
 * VTEP owners from the endpoints of netmaster's network inspects, rebuilt when netmaster's data changed. Netmaster is
 * read whole, so its source starts only once the node has a tunnel to name.
 */
public final class NetmasterVtepHosts implements VtepHosts {

    private final NetmasterSource netmaster;
    private boolean started;
    private long builtVersion = -1;
    private Map<String, String> built = Map.of();

    /** @param netmaster not started yet */
    public NetmasterVtepHosts(NetmasterSource netmaster) {
        this.netmaster = netmaster;
    }

    @Override
    public synchronized void wanted(Set<String> vteps) {
        if (!started && !vteps.isEmpty()) {
            started = true;
            netmaster.start();
        }
    }

    @Override
    public synchronized Map<String, String> hostsByVtep() {
        if (!started) {
            return built;
        }
        NetmasterSource.Held held = netmaster.current();
        if (held.version() != builtVersion) {
            VtepOwners owners = new VtepOwners();
            held.inventory().ifPresent(inventory -> {
                for (NetworkInspect inspect : inventory.inspectedNetworks()) {
                    for (EndpointOper endpoint : inspect.oper().endpoints()) {
                        owners.add(endpoint.vtepIP(), endpoint.homingHost());
                    }
                }
            });
            built = owners.build();
            builtVersion = held.version();
        }
        return built;
    }

    @Override
    public synchronized long version() {
        hostsByVtep();
        return builtVersion;
    }
}
