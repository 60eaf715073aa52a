package io.contiv.exporter.support;

import io.contiv.exporter.health.SourceReporter;

/** A source reporter that records nothing, for a source tested on its own. */
public final class QuietHealth {

    private QuietHealth() {
    }

    public static SourceReporter reporter() {
        return () -> new SourceReporter.Attempt() {
            @Override
            public void succeeded() {
            }

            @Override
            public void failed(Exception cause) {
            }
        };
    }
}
