/**
 * A simulated ovsdb-server for the demo, benchmarks and fault tests: an Open_vSwitch database whose Interface
 * statistics follow seeded traffic profiles ({@link io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbDatabase},
 * {@link io.contiv.exporter.simulation.ovsdb.TrafficClock}), served over RFC 7047 JSON-RPC the way ovsdb-server
 * 3.1 serves it ({@link io.contiv.exporter.simulation.ovsdb.SimulatedOvsdbServer}), with switchable faults
 * ({@link io.contiv.exporter.simulation.ovsdb.FaultSwitches}).
 *
 * <p>It ships in the jar for the {@code demo} command but stands apart from the product: nothing here may import
 * other {@code io.contiv.exporter} packages, so the simulation cannot share (and hide) the product's bugs.
 */
package io.contiv.exporter.simulation.ovsdb;
