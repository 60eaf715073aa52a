package io.contiv.exporter.endpoint;

import java.util.Optional;
import java.util.Set;

/**
 * Where netplugin mode learns which endpoint an interface belongs to: Contiv's state in etcd, or netmaster. Either
 * is asked only about the endpoints this node's OVS holds, so its cost follows the node, not the cluster.
 */
public interface EndpointDirectorySource {

    /** The directory held now, or empty when nothing could be read yet. */
    Optional<EndpointDirectory> current();

    /** Grows whenever the directory changes. */
    long version();

    /**
     * The endpoint IDs this node's OVS holds now, told whenever they change. The source looks up those it lacks and
     * forgets those that left; it may wait, briefly and boundedly, for the first lookup of IDs it had not seen, so
     * that the build that follows can label them.
     */
    void localEndpoints(Set<String> endpointIds);

    /**
     * Whether every endpoint ID last told has been looked up (found or not): until then an ID the directory lacks is
     * not yet an orphan. A source that settles bumps {@link #version()}.
     */
    default boolean settled() {
        return true;
    }
}
