package io.contiv.exporter.tunnel;

import java.util.Map;

/**
 * Which host owns each VTEP address, as netmaster's endpoints say: an endpoint carries its host's {@code vtepIP} and
 * {@code homingHost}. A host with no endpoint is not known here, and its tunnel's {@code remote_host} is "".
 */
public interface VtepHosts {

    /** Host names by VTEP address, as held now. */
    Map<String, String> hostsByVtep();

    /** Grows whenever {@link #hostsByVtep()} may have changed. */
    long version();

    /** For a node where nothing names the hosts. */
    VtepHosts NONE = new VtepHosts() {
        @Override
        public Map<String, String> hostsByVtep() {
            return Map.of();
        }

        @Override
        public long version() {
            return 0;
        }
    };
}
