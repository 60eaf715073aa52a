package io.contiv.exporter.simulation.etcd;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * etcd v2's watch machinery: the last {@value #HISTORY} events, and the watchers waiting for the next ones. As in
 * etcd, a watch from an index still in the history gets that one event and nothing more (even a streaming one), a
 * watch from an index older than the history is refused (error 401), and a watch from a future index waits. A watcher
 * that falls 100 events behind is dropped, and its stream ends.
 */
final class EtcdWatchers {

    static final int HISTORY = 1000;
    private static final int WATCHER_BUFFER = 100;

    /** A registered watch: its events arrive in {@link #events}; {@code closed} once dropped. */
    static final class Watcher {
        final String key;
        final boolean recursive;
        final boolean stream;
        final long sinceIndex;
        final BlockingQueue<EtcdEvent> events = new ArrayBlockingQueue<>(WATCHER_BUFFER);
        volatile boolean dropped;

        Watcher(String key, boolean recursive, boolean stream, long sinceIndex) {
            this.key = key;
            this.recursive = recursive;
            this.stream = stream;
            this.sinceIndex = sinceIndex;
        }
    }

    /** How a watch request starts: refused, answered from history, or waiting. */
    sealed interface Start {
        long storeIndex();
    }

    record Refused(EtcdError error) implements Start {
        @Override
        public long storeIndex() {
            return error.index();
        }
    }

    record FromHistory(EtcdEvent event, long storeIndex) implements Start {
    }

    record Waiting(Watcher watcher, long storeIndex) implements Start {
    }

    private final Deque<EtcdEvent> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** The first index the history still answers for; earlier ones were never recorded or have been dropped. */
    private long startIndex = 1;

    /** Records a change; called with the store's lock held, in index order. */
    void record(EtcdEvent event) {
        history.addLast(event);
        if (history.size() > HISTORY) {
            history.removeFirst();
            startIndex = history.peekFirst().modifiedIndex();
        }
        for (Watcher watcher : watchers) {
            if (watcher.dropped || event.modifiedIndex() < watcher.sinceIndex
                    || !event.isSeenBy(watcher.key, watcher.recursive)) {
                continue;
            }
            if (!watcher.events.offer(event)) {
                drop(watcher);
                continue;
            }
            if (!watcher.stream) {
                watchers.remove(watcher);
            }
        }
    }

    /** Writes that were not recorded one by one (a generated directory) end the history: it starts after them. */
    void forgetBefore(long index) {
        history.clear();
        startIndex = index;
    }

    /** Starts a watch; called with the store's lock held. {@code sinceIndex} 0 means "from the next change". */
    Start watch(String key, boolean recursive, boolean stream, long sinceIndex, long storeIndex) {
        long since = sinceIndex <= 0 ? storeIndex + 1 : sinceIndex;
        if (since < startIndex) {
            return new Refused(EtcdError.eventIndexCleared(startIndex, since, storeIndex));
        }
        for (Iterator<EtcdEvent> it = history.iterator(); it.hasNext(); ) {
            EtcdEvent event = it.next();
            if (event.modifiedIndex() >= since && event.isSeenBy(key, recursive)) {
                return new FromHistory(event, storeIndex);
            }
        }
        Watcher watcher = new Watcher(key, recursive, stream, since);
        watchers.add(watcher);
        return new Waiting(watcher, storeIndex);
    }

    void drop(Watcher watcher) {
        watcher.dropped = true;
        watchers.remove(watcher);
    }

    int watching() {
        return watchers.size();
    }
}
