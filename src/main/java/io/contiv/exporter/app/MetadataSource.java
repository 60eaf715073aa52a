package io.contiv.exporter.app;

/** Where netplugin mode reads endpoint metadata: netmaster's REST API, or netmaster's state in etcd (no load on it). */
public enum MetadataSource {
    NETMASTER,
    ETCD
}
