package io.contiv.exporter.simulation.etcd;

import java.util.List;

/**
 * A node of an etcd v2 keys response.
 *
 * @param key   the full key; null for the root directory, which etcd shows without key and indices
 * @param value the value; null for a directory
 * @param nodes a directory's children, null when not listed (a child directory of a non-recursive get)
 */
record EtcdNode(String key, String value, List<EtcdNode> nodes, long modifiedIndex, long createdIndex) {

    public static EtcdNode value(String key, String value, long modifiedIndex, long createdIndex) {
        return new EtcdNode(key, value, null, modifiedIndex, createdIndex);
    }

    public static EtcdNode directory(String key, List<EtcdNode> nodes, long modifiedIndex, long createdIndex) {
        return new EtcdNode(key, null, nodes, modifiedIndex, createdIndex);
    }

    public boolean isDirectory() {
        return value == null;
    }

    public boolean isRoot() {
        return key == null;
    }
}
