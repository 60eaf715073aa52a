package io.contiv.exporter.simulation.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

/** Carries an {@link OvsdbError} out of parsing or executing a request. */
final class OvsdbException extends Exception {
    private final OvsdbError error;

    OvsdbException(OvsdbError error) {
        super(error.error() + ": " + error.details(), null, false, false);
        this.error = error;
    }

    OvsdbError error() {
        return error;
    }

    static OvsdbException syntax(JsonNode offending, String details) {
        return new OvsdbException(OvsdbError.syntax(offending, details));
    }
}
