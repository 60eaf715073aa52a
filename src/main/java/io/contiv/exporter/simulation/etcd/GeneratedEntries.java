package io.contiv.exporter.simulation.etcd;

import java.util.OptionalInt;

/**
 * Values of one directory computed on demand, so that a model with millions of endpoints is never
 * copied into the key space.
 */
interface GeneratedEntries {

    int size();

    /** The child's name (last key segment) at {@code position}. */
    String name(int position);

    String value(int position);

    /** The position of the child called {@code name}. */
    OptionalInt positionOf(String name);
}
