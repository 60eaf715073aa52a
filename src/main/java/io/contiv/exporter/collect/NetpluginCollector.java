package io.contiv.exporter.collect;

import io.contiv.exporter.join.EndpointDirectory;
import io.contiv.exporter.join.EndpointJoin;
import io.contiv.exporter.join.JoinResult;
import io.contiv.exporter.metrics.BuildInfo;
import io.contiv.exporter.metrics.EndpointMetricsWriter;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netplugin mode: this node's OVS interfaces joined with the endpoint directory, plus the exporter's health.
 * Scrapes are served one at a time from the same inputs: a scrape that arrives while another collects waits for
 * it, then reuses its result when neither OVS nor the directory changed in between.
 */
public final class NetpluginCollector implements MultiCollector {

    private static final Logger LOG = LoggerFactory.getLogger(NetpluginCollector.class);
    private static final int MISMATCHES_NAMED = 10;

    private final EndpointDirectorySource directory;
    private final InterfaceSource interfaces;
    private final EndpointMetricsWriter writer;
    private final SourceHealth health;
    private final String localHost;
    private final Set<String> unknownEndpointIdsSeen = new HashSet<>();
    private Set<String> lastMismatches = Set.of();

    private List<OvsInterface> lastRows;
    private long lastDirectoryVersion = -1;
    private List<MetricSnapshot> lastEndpointSnapshots = List.of();

    public NetpluginCollector(EndpointDirectorySource directory, InterfaceSource interfaces,
                              EndpointMetricsWriter writer, SourceHealth health, String localHost) {
        this.localHost = localHost;
        this.directory = directory;
        this.interfaces = interfaces;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        Optional<EndpointDirectory> known = directory.current();
        // read after current(), which brings the version up to date
        long directoryVersion = directory.version();
        List<OvsInterface> rows;
        boolean ovsdbUp;
        try {
            // the source reports its health itself, when it connects or fails, not once per scrape
            rows = interfaces.interfaces();
            ovsdbUp = true;
        } catch (Exception e) {
            rows = List.of();
            ovsdbUp = false;
        }
        rebuildIfChanged(known, directoryVersion, rows, ovsdbUp);
        List<MetricSnapshot> snapshots = new ArrayList<>(lastEndpointSnapshots);
        snapshots.addAll(health.snapshots());
        snapshots.add(BuildInfo.snapshot());
        return new MetricSnapshots(snapshots);
    }

    /**
     * Rebuilds the endpoint families now if OVS or the directory changed since they were last built, so that the
     * next scrape finds them ready instead of building them itself, and hands them to {@code listener} (to encode
     * them ahead of the scrape too). Meant for a background thread: it records no source health (scrapes do) and
     * leaves things as they are while OVS cannot be read.
     */
    public void prepare(Consumer<List<MetricSnapshot>> listener) {
        List<MetricSnapshot> rebuilt;
        synchronized (this) {
            Optional<EndpointDirectory> known = directory.current();
            long directoryVersion = directory.version();
            List<OvsInterface> rows;
            try {
                rows = interfaces.interfaces();
            } catch (OvsdbException e) {
                return;
            }
            if (!rebuildIfChanged(known, directoryVersion, rows, true)) {
                return;
            }
            rebuilt = lastEndpointSnapshots;
        }
        // outside the lock: a scrape need not wait for the encoding of families it may encode itself
        listener.accept(rebuilt);
    }

    private boolean rebuildIfChanged(Optional<EndpointDirectory> known, long directoryVersion,
                                     List<OvsInterface> rows, boolean ovsdbUp) {
        if (rows == lastRows && directoryVersion == lastDirectoryVersion) {
            return false;
        }
        JoinResult join = EndpointJoin.join(known.orElse(EndpointDirectory.EMPTY), rows, localHost);
        boolean comparable = known.isPresent() && ovsdbUp;
        noticeUnknownEndpoints(join);
        if (comparable) {
            logMismatches(join);
        }
        List<MetricSnapshot> built = new ArrayList<>(writer.snapshots(join));
        built.addAll(writer.nodeHealth(join, comparable));
        lastEndpointSnapshots = List.copyOf(built);
        lastRows = rows;
        lastDirectoryVersion = directoryVersion;
        return true;
    }

    /** Names orphans and missing interfaces once when the set changes, not on every scrape. */
    private void logMismatches(JoinResult join) {
        Set<String> mismatches = new TreeSet<>();
        join.unknownEndpointInterfaces().forEach(i -> mismatches.add("orphan interface " + i.name()
                + " (endpoint " + i.endpointId().orElse("?") + ")"));
        join.missingEndpoints().forEach(e -> mismatches.add("missing interface for endpoint " + e.endpointId()
                + " (container " + e.container() + ")"));
        if (!mismatches.equals(lastMismatches)) {
            if (!mismatches.isEmpty()) {
                LOG.warn("OVS and netmaster disagree on {} endpoints: {}", mismatches.size(),
                        mismatches.stream().limit(MISMATCHES_NAMED).collect(Collectors.joining("; "))
                                + (mismatches.size() > MISMATCHES_NAMED ? "; ..." : ""));
            } else if (!lastMismatches.isEmpty()) {
                LOG.info("OVS and netmaster agree again on every endpoint");
            }
            lastMismatches = mismatches;
        }
    }

    private void noticeUnknownEndpoints(JoinResult join) {
        boolean news = false;
        for (OvsInterface unknown : join.unknownEndpointInterfaces()) {
            news |= unknownEndpointIdsSeen.add(unknown.endpointId().orElse(""));
        }
        if (news) {
            directory.refreshSoon();
        }
    }
}
