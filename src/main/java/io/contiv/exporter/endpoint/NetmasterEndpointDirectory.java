package io.contiv.exporter.endpoint;

import io.contiv.exporter.inventory.NetmasterSource;
import java.util.Optional;

/** The endpoint directory built from netmaster's network inspects, rebuilt only when netmaster's data changed. */
public final class NetmasterEndpointDirectory implements EndpointDirectorySource {

    private final NetmasterSource netmaster;
    private long builtVersion = -1;
    private Optional<EndpointDirectory> built = Optional.empty();

    public NetmasterEndpointDirectory(NetmasterSource netmaster) {
        this.netmaster = netmaster;
    }

    @Override
    public synchronized Optional<EndpointDirectory> current() {
        NetmasterSource.Held held = netmaster.current();
        if (held.version() != builtVersion) {
            built = held.inventory().map(i -> EndpointDirectory.fromInspects(i.inspectedNetworks()));
            builtVersion = held.version();
        }
        return built;
    }

    @Override
    public synchronized long version() {
        return builtVersion;
    }

    @Override
    public void refreshSoon() {
        netmaster.refreshSoon();
    }
}
