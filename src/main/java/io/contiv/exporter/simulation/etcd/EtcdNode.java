package io.contiv.exporter.simulation.etcd;

import java.util.List;

/**
 * A node of an etcd v2 keys response.
 *
 * @param key   the full key; null for the root directory, which etcd shows without key and indices
 * @param value the value; null for a directory
 * @param nodes a directory's children, null when not listed (a child directory of a non-recursive get)
 * @param deleted a key as a delete event shows it: no value, and not a directory
 */
record EtcdNode(String key, String value, List<EtcdNode> nodes, long modifiedIndex, long createdIndex,
                boolean deleted) {

    public static EtcdNode value(String key, String value, long modifiedIndex, long createdIndex) {
        return new EtcdNode(key, value, null, modifiedIndex, createdIndex, false);
    }

    /** A deleted key as a delete event shows it: key and indices, no value. */
    public static EtcdNode deleted(String key, long modifiedIndex, long createdIndex) {
        return new EtcdNode(key, null, null, modifiedIndex, createdIndex, true);
    }

    public static EtcdNode directory(String key, List<EtcdNode> nodes, long modifiedIndex, long createdIndex) {
        return new EtcdNode(key, null, nodes, modifiedIndex, createdIndex, false);
    }

    public boolean isDirectory() {
        return value == null && !deleted;
    }

    public boolean isRoot() {
        return key == null;
    }
}
