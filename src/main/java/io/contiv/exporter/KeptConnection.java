package io.contiv.exporter;

/**
 * One connection a client keeps between its calls: opened when a call needs it, dropped (closed) after a failure so
 * that the next call opens a new one.
 *
 * @param <C> the connection
 */
public final class KeptConnection<C extends AutoCloseable> implements AutoCloseable {

    /** Opens a connection. */
    @FunctionalInterface
    public interface Opener<C, E extends Exception> {
        C open() throws E;
    }

    private C connection;

    /** True while a connection is kept from an earlier call. */
    public synchronized boolean isKept() {
        return connection != null;
    }

    /** The kept connection, or a new one. */
    public synchronized <E extends Exception> C get(Opener<C, E> opener) throws E {
        if (connection == null) {
            connection = opener.open();
        }
        return connection;
    }

    /** Closes the kept connection, if any; the next {@link #get} opens a new one. */
    public synchronized void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // dropped after a failure, or closing: the failure is what matters
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        drop();
    }
}
