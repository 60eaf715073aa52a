package io.contiv.exporter.endpoint;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The endpoint IDs a directory source is asked about (those in this node's OVS), and the handshake with the thread
 * that looks them up: every change gets a number, the looking-up thread says which number it has dealt with, and the
 * caller may wait for that, within a budget (an ID that left matters too: its endpoint may now be missing).
 */
final class LocalEndpointIds {

    private Set<String> ids = Set.of();
    private long requested;
    private long settled;

    /** Takes the IDs OVS holds now; returns the number to await when they changed, else -1. */
    synchronized long update(Set<String> now) {
        if (now.equals(ids)) {
            return -1;
        }
        ids = Set.copyOf(now);
        return ++requested;
    }

    synchronized Set<String> ids() {
        return ids;
    }

    /** What the looking-up thread is about to deal with: every change up to the number returned. */
    synchronized long requested() {
        return requested;
    }

    /** Whether every change so far has been dealt with. */
    synchronized boolean allSettled() {
        return settled >= requested;
    }

    /** Whether dealing with changes up to {@code upTo} settles any not dealt with yet. */
    synchronized boolean wouldSettle(long upTo) {
        return upTo > settled;
    }

    synchronized void settled(long upTo) {
        if (upTo > settled) {
            settled = upTo;
            notifyAll();
        }
    }

    /** Waits until change {@code number} is dealt with, or the budget is spent. */
    synchronized void await(long number, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        while (settled < number) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The IDs in {@code now} that are not in {@code before}. */
    static Set<String> added(Set<String> before, Set<String> now) {
        Set<String> added = new HashSet<>(now);
        added.removeAll(before);
        return added;
    }
}
