package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/** Carries an {@link OvsdbError} out of parsing or executing a request. */
final class RequestFailure extends Exception {
    private final OvsdbError error;

    RequestFailure(OvsdbError error) {
        super(error.error() + ": " + error.details(), null, false, false);
        this.error = error;
    }

    OvsdbError error() {
        return error;
    }

    static RequestFailure syntax(JsonNode offending, String details) {
        return new RequestFailure(OvsdbError.syntax(offending, details));
    }
}
