package io.contiv.exporter.simulation.ovsdb;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads with recognisable names, so a leak shows up by name and never keeps the JVM alive. */
final class NamedThreads {
    static final String PREFIX = "ovsdb-sim-";

    private NamedThreads() {
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
