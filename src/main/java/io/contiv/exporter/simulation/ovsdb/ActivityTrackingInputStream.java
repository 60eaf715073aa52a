package io.contiv.exporter.simulation.ovsdb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Notes when bytes last arrived: ovsdb-server's inactivity probe counts any received data as activity. */
final class ActivityTrackingInputStream extends FilterInputStream {
    private volatile long lastReceivedNanos = System.nanoTime();

    ActivityTrackingInputStream(InputStream in) {
        super(in);
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            lastReceivedNanos = System.nanoTime();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            lastReceivedNanos = System.nanoTime();
        }
        return n;
    }
}
