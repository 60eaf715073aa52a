package io.contiv.exporter.simulation.ovsdb;

import java.time.Duration;

/**
 * ovsdb-server's keepalive (reconnect.c): after an interval without receiving anything it sends
 * {@code {"id":"echo","method":"echo","params":[]}}; if another interval passes with nothing received it drops
 * the connection ("no response to inactivity probe"). Real default: 5 s.
 */
final class InactivityProbe {
    private final long intervalNanos;
    private final ActivityTrackingInputStream input;
    private final Runnable sendProbe;
    private final Runnable disconnect;
    private long probeSentNanos = -1;

    InactivityProbe(Duration interval, ActivityTrackingInputStream input, Runnable sendProbe, Runnable disconnect) {
        this.intervalNanos = interval.toNanos();
        this.input = input;
        this.sendProbe = sendProbe;
        this.disconnect = disconnect;
    }

    /** Called periodically, well within one interval. */
    synchronized void check(long nowNanos) {
        long lastReceived = input.lastReceivedNanos();
        if (probeSentNanos >= 0 && lastReceived - probeSentNanos > 0) {
            probeSentNanos = -1;
        }
        if (probeSentNanos < 0) {
            if (nowNanos - lastReceived >= intervalNanos) {
                probeSentNanos = nowNanos;
                sendProbe.run();
            }
        } else if (nowNanos - probeSentNanos >= intervalNanos) {
            disconnect.run();
        }
    }
}
