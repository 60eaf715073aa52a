package io.contiv.exporter.simulation.http;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a response body; lets big bodies stream instead of being built in memory. */
@FunctionalInterface
public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
}
