package io.contiv.exporter.etcd;

/**
 * What an {@link EtcdDirectoryWatch} keeps current: the part of one etcd directory that concerns this node. Every
 * method is called on the watch's own thread, in etcd's order.
 */
public interface WatchedDirectory {

    /**
     * Whether an event for the key {@code name} (relative to the watched directory) may concern this node, decided
     * before its value is decoded; {@code rawEvent} is the event's bytes, for a test that must look further. Called
     * for every change in the directory, so it must cost O(1).
     */
    boolean concerns(String name, byte[] rawEvent);

    /** A key that concerns this node was set ({@code value} non-null) or deleted (null) at {@code modifiedIndex}. */
    void changed(String name, String value, long modifiedIndex);

    /**
     * The watch (re)starts after etcd index {@code etcdIndex}: read, through {@code reader}, what this node needs as
     * of then. Called first, and again when etcd no longer holds the events the watch missed (only the directory
     * knows what it needs: the keys of the endpoints it holds, say, rather than the whole directory).
     */
    void resync(KeyReader reader, long etcdIndex) throws EtcdException;

    /** Work asked for through {@link EtcdDirectoryWatch#wake()}, such as keys newly needed; done on the watch's thread. */
    void pending(KeyReader reader) throws EtcdException;

    /** etcd could not be read; the watch retries. */
    void failed(Exception cause);
}
