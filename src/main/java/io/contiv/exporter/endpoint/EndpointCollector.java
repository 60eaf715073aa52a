package io.contiv.exporter.endpoint;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.TenantFilter;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.contiv.exporter.ovsdb.OvsdbException;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Netplugin mode: this node's OVS interfaces joined with the endpoint directory. The families are rebuilt and
 * published only when OVS or the directory changed: a scrape that arrives while another builds waits for it, then
 * finds its publication.
 */
public final class EndpointCollector implements PublishingCollector {

    private static final Logger LOG = ExporterLogs.logger(EndpointCollector.class);
    private static final int MISMATCHES_NAMED = 10;

    private final EndpointDirectorySource directory;
    private final InterfaceSource interfaces;
    private final EndpointMetricsWriter writer;
    private final String localHost;
    private final TenantFilter tenants;
    private final Published published = new Published("endpoint");
    private Set<String> lastMismatches = Set.of();

    private List<OvsInterface> lastRows;
    private List<OvsInterface> lastToldRows;
    private long lastDirectoryVersion = -1;
    private Optional<JoinResult> publishedJoin = Optional.empty();

    public EndpointCollector(EndpointDirectorySource directory, InterfaceSource interfaces,
                             EndpointMetricsWriter writer, String localHost) {
        this(directory, interfaces, writer, localHost, TenantFilter.ALL);
    }

    /** Serves the series of the endpoints of the tenants {@code tenants} accepts. */
    public EndpointCollector(EndpointDirectorySource directory, InterfaceSource interfaces,
                             EndpointMetricsWriter writer, String localHost, TenantFilter tenants) {
        this.tenants = tenants;
        this.localHost = localHost;
        this.directory = directory;
        this.interfaces = interfaces;
        this.writer = writer;
    }

    @Override
    public synchronized Publication publication() {
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
        if (ovsdbUp) {
            tellDirectory(rows);
        }
        Optional<EndpointDirectory> known = directory.current();
        // read after current(), which brings the version up to date
        long directoryVersion = directory.version();
        rebuildIfChanged(known, directoryVersion, rows, ovsdbUp);
        return published.current();
    }

    /**
     * Rebuilds the families now if OVS or the directory changed since they were last built, so that the next
     * scrape finds them ready instead of building them itself, and hands the new publication to {@code listener}
     * (to encode it ahead of the scrape too). Meant for a background thread: it leaves things as they are while OVS
     * cannot be read, which only a scrape reports.
     */
    public void prepare(Consumer<Publication> listener) {
        Publication rebuilt;
        synchronized (this) {
            List<OvsInterface> rows;
            try {
                rows = interfaces.interfaces();
            } catch (OvsdbException e) {
                return;
            }
            tellDirectory(rows);
            Optional<EndpointDirectory> known = directory.current();
            long directoryVersion = directory.version();
            if (!rebuildIfChanged(known, directoryVersion, rows, true)) {
                return;
            }
            rebuilt = published.current();
        }
        // outside the lock: a scrape need not wait for the encoding of families it may encode itself
        listener.accept(rebuilt);
    }

    /**
     * The join behind the latest publication, when both OVS and the endpoint directory could be read for it; empty
     * otherwise (the sources' health says why).
     */
    public synchronized Optional<JoinResult> publishedJoin() {
        return publishedJoin;
    }

    @Override
    public List<String> getPrometheusNames() {
        return Stream.concat(writer.fixedFamilies().stream(),
                        StatisticNames.KNOWN_KEYS.stream().flatMap(key -> writer.statisticFamily(key).stream()))
                .map(MetricFamily::prometheusName).toList();
    }

    private boolean rebuildIfChanged(Optional<EndpointDirectory> known, long directoryVersion,
                                     List<OvsInterface> rows, boolean ovsdbUp) {
        if (rows == lastRows && directoryVersion == lastDirectoryVersion) {
            return false;
        }
        JoinResult join = EndpointJoin.join(known.orElse(EndpointDirectory.EMPTY), rows, localHost);
        // an interface whose endpoint is still being looked up is not an orphan yet
        boolean comparable = known.isPresent() && ovsdbUp && directory.settled();
        if (comparable) {
            logMismatches(join);
        }
        JoinResult served = tenants.servesAll() ? join : join.servingTenants(tenants);
        List<MetricSnapshot> built = new ArrayList<>(writer.snapshots(served));
        built.addAll(writer.nodeHealth(served, comparable));
        published.publish(built);
        publishedJoin = comparable ? Optional.of(join) : Optional.empty();
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

    /** The directory looks up what OVS holds, and only that; told when OVS's rows change. */
    private void tellDirectory(List<OvsInterface> rows) {
        if (rows != lastToldRows) {
            directory.localEndpoints(rows.stream().flatMap(row -> row.endpointId().stream())
                    .collect(Collectors.toSet()));
            lastToldRows = rows;
        }
    }
}
