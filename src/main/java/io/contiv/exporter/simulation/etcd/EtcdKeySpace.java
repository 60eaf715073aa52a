package io.contiv.exporter.simulation.etcd;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * An etcd v2 key space with etcd's bookkeeping: one store index that every write advances, nodes that
 * record the index of their creation and last change, directories created implicitly by the first key
 * below them (and keeping that index), errors naming the first missing key segment, and every write
 * recorded as an event for watches ({@link EtcdWatchers}).
 *
 * <p>Besides explicitly set keys it holds at most one generated directory, whose children are computed
 * on access and take consecutive indices as if written one after another; a child set or deleted later is
 * remembered apart, and the history of events starts after the generated ones. Thread-safe.
 */
final class EtcdKeySpace {

    /** The index a freshly started etcd 3.4 reports: its first write gets index 4. */
    public static final long FRESH_STORE_INDEX = 3;

    private final TreeMap<String, Entry> entries = new TreeMap<>();
    /** Generated children set (an entry) or deleted (null) since the mount, by name. */
    private final Map<String, Optional<Entry>> overrides = new HashMap<>();
    private final EtcdWatchers watchers = new EtcdWatchers();
    private Mount mount;
    private long index = FRESH_STORE_INDEX;

    /** A stored key; directories have no value. */
    private record Entry(String value, long modifiedIndex, long createdIndex) {
        boolean isDirectory() {
            return value == null;
        }
    }

    private record Mount(String key, GeneratedEntries entries, long firstIndex) {
        EtcdNode child(int position) {
            long childIndex = firstIndex + position;
            return EtcdNode.value(key + "/" + entries.name(position), entries.value(position), childIndex, childIndex);
        }
    }

    private static EtcdNode node(String key, Entry entry) {
        return EtcdNode.value(key, entry.value(), entry.modifiedIndex(), entry.createdIndex());
    }

    public synchronized long index() {
        return index;
    }

    /** Sets a value like {@code PUT /v2/keys/<key> value=...}: new created and modified index. */
    public synchronized void set(String key, String value) {
        String canonical = EtcdKeys.canonical(key);
        if (EtcdKeys.isRoot(canonical)) {
            throw new IllegalArgumentException("cannot set the root directory");
        }
        OptionalInt generated = generatedPosition(canonical);
        if (generated.isPresent()) {
            EtcdNode previous = generatedChild(generated.getAsInt());
            index++;
            // a set replaces the node: etcd gives it a new created index too
            Entry entry = new Entry(value, index, index);
            overrides.put(EtcdKeys.name(canonical), Optional.of(entry));
            watchers.record(new EtcdEvent("set", node(canonical, entry), previous));
            return;
        }
        Entry existing = entries.get(canonical);
        if (existing != null && existing.isDirectory()) {
            throw new IllegalArgumentException(canonical + " is a directory");
        }
        for (String ancestor : EtcdKeys.ancestors(canonical)) {
            Entry entry = entries.get(ancestor);
            if (entry != null && !entry.isDirectory()) {
                throw new IllegalArgumentException(ancestor + " is not a directory");
            }
        }
        index++;
        createMissingDirectories(EtcdKeys.ancestors(canonical), index);
        Entry entry = new Entry(value, index, index);
        entries.put(canonical, entry);
        watchers.record(new EtcdEvent("set", node(canonical, entry), existing == null ? null : node(canonical, existing)));
    }

    /** Deletes a value; returns whether it existed. Directories stay, as in etcd. */
    public synchronized boolean delete(String key) {
        String canonical = EtcdKeys.canonical(key);
        OptionalInt generated = generatedPosition(canonical);
        if (generated.isPresent()) {
            EtcdNode previous = generatedChild(generated.getAsInt());
            if (previous == null) {
                return false;
            }
            index++;
            overrides.put(EtcdKeys.name(canonical), Optional.empty());
            watchers.record(new EtcdEvent("delete",
                    EtcdNode.deleted(canonical, index, previous.createdIndex()), previous));
            return true;
        }
        Entry entry = entries.get(canonical);
        if (entry == null || entry.isDirectory()) {
            return false;
        }
        entries.remove(canonical);
        index++;
        watchers.record(new EtcdEvent("delete", EtcdNode.deleted(canonical, index, entry.createdIndex()),
                node(canonical, entry)));
        return true;
    }

    /** {@code GET /v2/keys/<key>?wait=true[&recursive=true][&stream=true][&waitIndex=N]}. */
    public synchronized EtcdWatchers.Start watch(String key, boolean recursive, boolean stream, long waitIndex) {
        return watchers.watch(EtcdKeys.canonical(key), recursive, stream, waitIndex, index);
    }

    public void stopWatching(EtcdWatchers.Watcher watcher) {
        watchers.drop(watcher);
    }

    /** The generated child at {@code position} as it is now, or null when it was deleted. */
    private EtcdNode generatedChild(int position) {
        Optional<Entry> override = overrides.get(mount.entries().name(position));
        if (override == null) {
            return mount.child(position);
        }
        return override.map(entry -> node(mount.key() + "/" + mount.entries().name(position), entry)).orElse(null);
    }

    /**
     * Replaces the generated directory: its children appear at {@code directoryKey/<name>} with the
     * next {@code generated.size()} indices, as if written in order. Replacing a non-empty generated
     * directory first costs one index, like the recursive delete it stands for.
     */
    public synchronized void mount(String directoryKey, GeneratedEntries generated) {
        String canonical = EtcdKeys.canonical(directoryKey);
        if (mount != null && mount.entries().size() > 0) {
            index++;
            if (!hasExplicitChildren(mount.key())) {
                entries.remove(mount.key());
            }
        }
        mount = null;
        overrides.clear();
        if (generated.size() == 0) {
            watchers.forgetBefore(index + 1);
            return;
        }
        long first = index + 1;
        List<String> directories = new ArrayList<>(EtcdKeys.ancestors(canonical));
        directories.add(canonical);
        createMissingDirectories(directories, first);
        mount = new Mount(canonical, generated, first);
        index += generated.size();
        // the generated children were never written one by one: a watch cannot start before them
        watchers.forgetBefore(index + 1);
    }

    /** {@code GET /v2/keys/<key>[?recursive=true][&sorted=true]}. */
    public synchronized EtcdResult get(String key, boolean recursive, boolean sorted) {
        String canonical = EtcdKeys.canonical(key);
        if (EtcdKeys.isRoot(canonical)) {
            return new EtcdResult.Found(EtcdNode.directory(null, children("", recursive, sorted), 0, 0), index);
        }
        List<String> path = new ArrayList<>(EtcdKeys.ancestors(canonical));
        path.add(canonical);
        for (int i = 0; i < path.size(); i++) {
            String prefix = path.get(i);
            boolean last = i == path.size() - 1;
            Entry entry = entries.get(prefix);
            if (entry == null) {
                OptionalInt generated = generatedPosition(prefix);
                if (generated.isEmpty()) {
                    return new EtcdResult.Failed(EtcdError.keyNotFound(prefix, index));
                }
                EtcdNode child = generatedChild(generated.getAsInt());
                if (child == null) {
                    return new EtcdResult.Failed(EtcdError.keyNotFound(prefix, index));
                }
                return last ? new EtcdResult.Found(child, index)
                        : new EtcdResult.Failed(EtcdError.notADirectory(prefix, index));
            }
            if (!entry.isDirectory()) {
                return last ? new EtcdResult.Found(EtcdNode.value(prefix, entry.value(), entry.modifiedIndex(),
                        entry.createdIndex()), index)
                        : new EtcdResult.Failed(EtcdError.notADirectory(prefix, index));
            }
        }
        Entry directory = entries.get(canonical);
        return new EtcdResult.Found(EtcdNode.directory(canonical, children(canonical, recursive, sorted),
                directory.modifiedIndex(), directory.createdIndex()), index);
    }

    /** Children of a directory ({@code ""} for the root); generated ones stay lazy unless sorted. */
    private List<EtcdNode> children(String directory, boolean recursive, boolean sorted) {
        List<EtcdNode> explicit = new ArrayList<>();
        String prefix = directory + "/";
        // '0' follows '/': the sub-map holds exactly the keys below the directory
        for (Map.Entry<String, Entry> child : entries.subMap(prefix, directory + "0").entrySet()) {
            String key = child.getKey();
            if (key.indexOf('/', prefix.length()) >= 0) {
                continue; // deeper than a direct child
            }
            Entry entry = child.getValue();
            if (!entry.isDirectory()) {
                explicit.add(EtcdNode.value(key, entry.value(), entry.modifiedIndex(), entry.createdIndex()));
            } else {
                List<EtcdNode> grandChildren = recursive ? children(key, true, sorted) : null;
                explicit.add(EtcdNode.directory(key, grandChildren, entry.modifiedIndex(), entry.createdIndex()));
            }
        }
        if (mount == null || !mount.key().equals(directory)) {
            return explicit;
        }
        List<EtcdNode> all = new Concatenation(explicit, mount);
        if (!overrides.isEmpty()) {
            all = new ArrayList<>(explicit);
            for (int position = 0; position < mount.entries().size(); position++) {
                EtcdNode child = generatedChild(position);
                if (child != null) {
                    all.add(child);
                }
            }
        }
        if (!sorted) {
            return all;
        }
        List<EtcdNode> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing(EtcdNode::key));
        return copy;
    }

    private OptionalInt generatedPosition(String key) {
        if (mount == null || !EtcdKeys.parent(key).equals(mount.key()) || entries.containsKey(key)) {
            return OptionalInt.empty();
        }
        return mount.entries().positionOf(EtcdKeys.name(key));
    }

    private boolean hasExplicitChildren(String directory) {
        return !entries.subMap(directory + "/", directory + "0").isEmpty();
    }

    private void createMissingDirectories(List<String> directories, long createdAt) {
        for (String directory : directories) {
            entries.putIfAbsent(directory, new Entry(null, createdAt, createdAt));
        }
    }

    /** Explicit children followed by the generated ones, without copying the latter. */
    private static final class Concatenation extends AbstractList<EtcdNode> implements RandomAccess {
        private final List<EtcdNode> explicit;
        private final Mount mount;

        Concatenation(List<EtcdNode> explicit, Mount mount) {
            this.explicit = explicit;
            this.mount = mount;
        }

        @Override
        public EtcdNode get(int position) {
            return position < explicit.size() ? explicit.get(position) : mount.child(position - explicit.size());
        }

        @Override
        public int size() {
            return explicit.size() + mount.entries().size();
        }
    }
}
