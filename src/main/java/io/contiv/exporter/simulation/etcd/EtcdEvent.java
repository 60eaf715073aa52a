package io.contiv.exporter.simulation.etcd;

/**
 * One change of an etcd v2 store, as a watch reports it: {@code set} or {@code delete}, the node after the change
 * (a deleted node has no value) and the node before it, if there was one.
 */
record EtcdEvent(String action, EtcdNode node, EtcdNode prevNode) {

    long modifiedIndex() {
        return node.modifiedIndex();
    }

    /** Whether a watch of {@code key} sees this event: the key itself, or (recursive) a key below it. */
    boolean isSeenBy(String key, boolean recursive) {
        String changed = node.key();
        return changed.equals(key) || (recursive && (EtcdKeys.isRoot(key) || changed.startsWith(key + "/")));
    }
}
