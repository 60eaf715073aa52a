package io.contiv.exporter.tunnel;

import io.contiv.exporter.inventory.NetmasterSource;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.NetworkInspect;
import java.util.Map;

/** VTEP owners from the endpoints of netmaster's network inspects, rebuilt when netmaster's data changed. */
public final class NetmasterVtepHosts implements VtepHosts {

    private final NetmasterSource netmaster;
    private long builtVersion = -1;
    private Map<String, String> built = Map.of();

    public NetmasterVtepHosts(NetmasterSource netmaster) {
        this.netmaster = netmaster;
    }

    @Override
    public synchronized Map<String, String> hostsByVtep() {
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
