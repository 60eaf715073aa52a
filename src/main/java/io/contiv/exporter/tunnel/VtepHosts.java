package io.contiv.exporter.tunnel;

import java.util.Map;
import java.util.Set;

/**
 * Which host owns each VTEP address, as netmaster's endpoints say: an endpoint carries its host's {@code vtepIP} and
 * {@code homingHost}. A host with no endpoint is not known here, and its tunnel's {@code remote_host} is "".
 */
public interface VtepHosts {

    /** Host names by VTEP address, as held now. */
    Map<String, String> hostsByVtep();

    /** Grows whenever {@link #hostsByVtep()} may have changed. */
    long version();

    /** The remote VTEPs of this node's tunnels now, told before each build: a source may read only when needed. */
    default void wanted(Set<String> vteps) {
    }

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
