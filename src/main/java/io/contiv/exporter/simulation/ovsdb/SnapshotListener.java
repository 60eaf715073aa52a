package io.contiv.exporter.simulation.ovsdb;

/** Told about every change of the database, in order, while the database holds its lock: must not block. */
@FunctionalInterface
interface SnapshotListener {
    void onChange(DatabaseSnapshot before, DatabaseSnapshot after);
}
