package io.contiv.exporter.testing;

import io.contiv.exporter.health.SourceReporter;

/** A source's health reports, for tests that look at something else: taken and dropped. */
public final class IgnoredHealth {

    public static final SourceReporter REPORTER = () -> new SourceReporter.Attempt() {
        @Override
        public void succeeded() {
            // not looked at
        }

        @Override
        public void failed(Exception cause) {
            // not looked at
        }
    };

    private IgnoredHealth() {
    }
}
