package io.contiv.exporter.simulation.ovsdb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The contents of the simulated Open_vSwitch database and the mutations tests and the demo apply to it. Every
 * mutation, and every tick of the clock, publishes a new {@link DatabaseSnapshot} and tells listeners (the
 * monitors of connected clients). Thread-safe.
 */
public final class SimulatedOvsdbDatabase {
    public static final String DEFAULT_BRIDGE = "contivVlanBridge";

    private final OvsdbSchema schema;
    private final TrafficClock clock;
    private final DeterministicUuids uuids;
    private final SwitchRowLayout layout;
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, SwitchRowLayout.PlacedInterface> interfaces = new LinkedHashMap<>();
    private final Map<UUID, StampedRow> stamped = new LinkedHashMap<>();
    private long incarnations;
    private long generation;
    private volatile DatabaseSnapshot snapshot;

    /** Content of a row without its version, and the version it got when that content appeared. */
    private record StampedRow(Map<String, Datum> content, UUID version) {
    }

    public SimulatedOvsdbDatabase(OvsdbSchema schema, TrafficClock clock, DeterministicUuids uuids,
                                  String bridgeName) {
        this.schema = schema;
        this.clock = clock;
        this.uuids = uuids;
        this.layout = new SwitchRowLayout(schema, uuids, bridgeName);
        synchronized (this) {
            publish();
        }
        clock.addListener(ticks -> republish());
    }

    /** An empty switch with bridge {@value #DEFAULT_BRIDGE} whose UUIDs derive from {@code seed}. */
    public static SimulatedOvsdbDatabase create(TrafficClock clock, long seed) {
        return new SimulatedOvsdbDatabase(OvsdbSchema.openVswitch(), clock, new DeterministicUuids(seed),
                DEFAULT_BRIDGE);
    }

    public OvsdbSchema schema() {
        return schema;
    }

    public TrafficClock clock() {
        return clock;
    }

    public DatabaseSnapshot snapshot() {
        return snapshot;
    }

    /** Adds an interface whose counters start from zero now. */
    public synchronized void addInterface(SimulatedInterface iface) {
        addInterfaces(List.of(iface));
    }

    /**
     * Adds interfaces whose counters start from zero now, in one change: one snapshot for all of them rather than
     * one per interface (which makes building a node of 1,000 endpoints take seconds instead of milliseconds).
     */
    public synchronized void addInterfaces(List<SimulatedInterface> added) {
        Set<String> names = new HashSet<>();
        for (SimulatedInterface iface : added) {
            if (interfaces.containsKey(iface.name()) || !names.add(iface.name())) {
                throw new IllegalArgumentException("interface " + iface.name() + " already exists");
            }
        }
        for (SimulatedInterface iface : added) {
            interfaces.put(iface.name(), new SwitchRowLayout.PlacedInterface(iface, ++incarnations, clock.ticks()));
        }
        publish();
    }

    public synchronized boolean removeInterface(String name) {
        boolean removed = interfaces.remove(name) != null;
        if (removed) {
            publish();
        }
        return removed;
    }

    /** Replaces an interface's columns (not its name), keeping its counters running. */
    public synchronized void updateInterface(String name, UnaryOperator<SimulatedInterface> change) {
        SwitchRowLayout.PlacedInterface placed = interfaces.get(name);
        if (placed == null) {
            throw new IllegalArgumentException("no interface " + name);
        }
        SimulatedInterface changed = change.apply(placed.iface());
        if (!changed.name().equals(name)) {
            throw new IllegalArgumentException("an Interface's name is immutable in OVSDB");
        }
        interfaces.put(name, new SwitchRowLayout.PlacedInterface(changed, placed.incarnation(),
                placed.addedAtTick()));
        publish();
    }

    public synchronized Optional<SimulatedInterface> findInterface(String name) {
        return Optional.ofNullable(interfaces.get(name)).map(SwitchRowLayout.PlacedInterface::iface);
    }

    public synchronized List<SimulatedInterface> interfaces() {
        return interfaces.values().stream().map(SwitchRowLayout.PlacedInterface::iface).toList();
    }

    /** The statistics the Interface row currently shows. */
    public synchronized Map<String, Long> statistics(String name) {
        SwitchRowLayout.PlacedInterface placed = interfaces.get(name);
        if (placed == null) {
            throw new IllegalArgumentException("no interface " + name);
        }
        return placed.iface().statisticsAt(clock.ticks() - placed.addedAtTick(), clock.secondsPerTick());
    }

    void addListener(SnapshotListener listener) {
        listeners.add(listener);
    }

    void removeListener(SnapshotListener listener) {
        listeners.remove(listener);
    }

    /**
     * Runs {@code action} on the current snapshot with no publication in between, so that whatever it
     * registers sees every later change exactly once (how a monitor's initial reply and its updates line up).
     */
    synchronized <T> T readConsistently(Function<DatabaseSnapshot, T> action) {
        return action.apply(snapshot);
    }

    private synchronized void republish() {
        publish();
    }

    private void publish() {
        generation++;
        Map<String, Map<UUID, Row>> tables = new LinkedHashMap<>();
        Map<UUID, StampedRow> stillPresent = new LinkedHashMap<>();
        layout.layout(new ArrayList<>(interfaces.values()), clock.ticks(), clock.secondsPerTick())
                .forEach((table, rows) -> {
                    Map<UUID, Row> versioned = new LinkedHashMap<>();
                    rows.forEach((uuid, content) -> {
                        StampedRow previous = stamped.get(uuid);
                        StampedRow current = previous != null && previous.content().equals(content)
                                ? previous : new StampedRow(content, uuids.versionUuid(uuid, generation));
                        stillPresent.put(uuid, current);
                        Map<String, Datum> columns = new LinkedHashMap<>(content);
                        columns.put(TableSchema.VERSION_COLUMN, Datum.atom(current.version()));
                        versioned.put(uuid, new Row(uuid, columns));
                    });
                    tables.put(table, versioned);
                });
        stamped.clear();
        stamped.putAll(stillPresent);
        DatabaseSnapshot before = snapshot;
        DatabaseSnapshot after = new DatabaseSnapshot(generation, tables);
        snapshot = after;
        if (before != null) {
            listeners.forEach(listener -> listener.onChange(before, after));
        }
    }
}
