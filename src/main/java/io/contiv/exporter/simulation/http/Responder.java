package io.contiv.exporter.simulation.http;

/** The content side of a stand-in: what it answers when no fault interferes. */
@FunctionalInterface
public interface Responder {
    SimulatedResponse respond(SimulatedRequest request);
}
