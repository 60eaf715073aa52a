package io.contiv.exporter.etcd;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Single reads of a watched directory's keys, on the etcd endpoint the watch uses, for the directory to fill itself. */
public interface KeyReader {

    /** A key as etcd holds it: its value (empty when it does not exist), its index, and etcd's index then. */
    record Read(String name, Optional<String> value, long modifiedIndex, long etcdIndex) {
    }

    /** One child of a listed directory; {@code value} is null when the listing was not asked for it. */
    record Listed(String name, String value, long modifiedIndex) {
    }

    /** A directory's children as etcd held them at {@code etcdIndex}. */
    record Listing(List<Listed> children, long etcdIndex) {
        public Listing {
            children = List.copyOf(children);
        }
    }

    /** {@code <watched directory>/<name>}. */
    Read get(String name) throws EtcdException;

    /** Several keys of the watched directory, a few requests in flight at a time; the answers in the order asked. */
    List<Read> getAll(List<String> names) throws EtcdException;

    /** {@code <watched directory>/<name>} without waiting; fails with an {@link EtcdException}. */
    CompletableFuture<Read> getAsync(String name);

    /**
     * The direct children of {@code directory} (absolute, e.g. {@code /contiv.io/state/nets}), their values decoded
     * only for the names {@code wanted} accepts; an absent directory has no children. Reads the whole listing: meant
     * for directories whose size follows the cluster's configuration (networks, policy rules), never its pods.
     */
    Listing list(String directory, Predicate<String> wanted) throws EtcdException;
}
