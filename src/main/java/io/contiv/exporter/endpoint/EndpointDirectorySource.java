package io.contiv.exporter.endpoint;

import java.util.Optional;

/** Where netplugin mode learns which endpoint an interface belongs to: netmaster, or Contiv's state in etcd. */
public interface EndpointDirectorySource {

    /** The directory held now, or empty when nothing could be read yet. */
    Optional<EndpointDirectory> current();

    /** Grows whenever the directory changes. */
    long version();

    /** OVS shows endpoints the directory lacks: read again soon (the source decides how soon). */
    void refreshSoon();
}
