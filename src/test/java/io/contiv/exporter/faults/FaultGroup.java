package io.contiv.exporter.faults;

import java.util.List;
import java.util.function.Supplier;

/**
 * Fault phases that run one after the other against one exporter (and the sources it reads), which keeps running
 * through all of them. {@link FaultMatrixIT} runs the groups side by side.
 */
interface FaultGroup extends AutoCloseable {

    /** One fault: its test name, and what runs it. */
    record Phase(String name, Supplier<FaultPhase.Result> run) {
    }

    String name();

    /** Starts the sources and the exporter; may skip the group (see Requirements) or fail. */
    void start();

    /** The phases in the order they run; known before {@link #start()}. */
    List<Phase> phases();

    /** Stops everything {@link #start()} started, also after a partial start. */
    @Override
    void close();
}
