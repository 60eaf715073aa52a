package io.contiv.exporter.health;

/**
 * How a source tells the exporter's health about its reads, all timed the same way: an attempt starts, then
 * succeeds or fails once. A connection lost between attempts is an attempt that fails at once.
 */
public interface SourceReporter {

    /** One read of the source, timed from {@link #start()} to its outcome. */
    interface Attempt {
        void succeeded();

        void failed(Exception cause);
    }

    /** Work against the source that may fail. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    Attempt start();

    /** Runs {@code call} as one attempt and reports how it went. */
    default <T> T timed(Call<T> call) throws Exception {
        Attempt attempt = start();
        T result;
        try {
            result = call.run();
        } catch (Exception e) {
            attempt.failed(e);
            throw e;
        }
        attempt.succeeded();
        return result;
    }
}
