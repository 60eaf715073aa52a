package io.contiv.exporter.endpoint;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.Published;
import io.contiv.exporter.metrics.PublishingCollector;
import io.contiv.exporter.metrics.TenantFilter;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsInterface;
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
 * finds its publication. What the series are (the join, the label sets) is worked out again only when the
 * directory or an interface's identity changed ({@link EndpointLayout}); a statistics refresh only reads the new
 * values into it.
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
    private EndpointLayout layout;
    /** The whole join (every tenant) the layout was last made or confirmed with. */
    private JoinResult layoutJoin;
    private Optional<JoinResult> publishedJoin = Optional.empty();
    private volatile boolean preparedInBackground;

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

    /**
     * From now on a background thread calls {@link #prepare} whenever OVS or the directory may have changed:
     * scrapes then serve what it published, encoded before it was, and never wait for a rebuild (only the very
     * first publication is built by a scrape, if it comes first).
     */
    public void prepareInBackground() {
        preparedInBackground = true;
    }

    @Override
    public Publication publication() {
        if (preparedInBackground) {
            Publication current = published.current();
            if (current.version() > 0) {
                return current;
            }
        }
        synchronized (this) {
            Publication next = build();
            if (next != null) {
                published.install(next);
            }
            return published.current();
        }
    }

    /**
     * Builds the families if OVS or the directory changed since they were last built, hands the new publication to
     * {@code encoder} (to encode it for the formats scraped lately), and only then makes it current: a scrape never
     * waits for a rebuild or for the encoding of one. Records no health: the sources report their own. Before
     * anything is published it does nothing until OVS and the directory have both been read, so that the first
     * scrapes wait for those first reads (within their deadline) rather than get a publication without them.
     */
    public void prepare(Consumer<Publication> encoder) {
        Publication next;
        synchronized (this) {
            if (published.current().version() == 0 && !bothSourcesRead()) {
                // the first publication is the first scrape's to build, waiting for the first reads as scrapes do
                return;
            }
            next = build();
            if (next != null && published.current().version() == 0) {
                // nothing served yet: serve this at once rather than after its encoding
                published.install(next);
            }
        }
        if (next == null) {
            return;
        }
        try {
            encoder.accept(next);
        } finally {
            published.install(next);
        }
    }

    /**
     * Tells the directory which endpoints OVS holds (waiting, boundedly, for OVS's first read), for a collection that
     * waits for the directory's first lookups before it builds ({@code once}).
     */
    public synchronized void tellDirectoryWhatOvsHolds() {
        try {
            tellDirectory(interfaces.interfaces());
        } catch (Exception e) {
            // OVS could not be read: its health says so, and there is nothing to look up
        }
    }

    /** Whether the directory and OVS can both be read now (without waiting: see {@code FirstReads}). */
    private boolean bothSourcesRead() {
        try {
            // the directory looks up what OVS holds: told before it is asked
            tellDirectory(interfaces.interfaces());
        } catch (Exception e) {
            return false;
        }
        return directory.current().isPresent();
    }

    /** The next publication, if OVS or the directory changed since the last one was built; null otherwise. */
    private Publication build() {
        List<OvsInterface> rows;
        boolean ovsdbUp;
        try {
            // the source reports its health itself, when it connects or fails, not once per scrape
            rows = interfaces.interfaces();
            ovsdbUp = true;
        } catch (Exception e) {
            // counters of a switch that cannot be seen are not served
            rows = List.of();
            ovsdbUp = false;
        }
        if (ovsdbUp) {
            // the directory looks up what OVS holds (only when OVS answered: an empty answer is not "none")
            tellDirectory(rows);
        }
        Optional<EndpointDirectory> known = directory.current();
        // read after current(), which brings the version up to date
        long directoryVersion = directory.version();
        return rebuildIfChanged(known, directoryVersion, rows, ovsdbUp);
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

    private Publication rebuildIfChanged(Optional<EndpointDirectory> known, long directoryVersion,
                                         List<OvsInterface> rows, boolean ovsdbUp) {
        if (rows == lastRows && directoryVersion == lastDirectoryVersion) {
            return null;
        }
        // an interface whose endpoint is still being looked up is not an orphan yet
        boolean comparable = known.isPresent() && ovsdbUp && directory.settled();
        if (layout == null || !layout.fits(directoryVersion, comparable, rows)) {
            layout = layout(known.orElse(EndpointDirectory.EMPTY), directoryVersion, comparable, rows);
        }
        Publication next = published.next(writer.families(layout, rows));
        publishedJoin = comparable ? Optional.of(layoutJoin) : Optional.empty();
        lastRows = rows;
        lastDirectoryVersion = directoryVersion;
        return next;
    }

    /** The layout for this directory and these rows: the current one when only the directory's version moved. */
    private EndpointLayout layout(EndpointDirectory directory, long directoryVersion, boolean comparable,
                                  List<OvsInterface> rows) {
        JoinResult join = EndpointJoin.join(directory, rows, localHost);
        layoutJoin = join;
        JoinResult served = tenants.servesAll() ? join : join.servingTenants(tenants);
        if (layout != null && layout.sameRows(comparable, rows)) {
            EndpointLayout same = layout.forDirectory(directoryVersion, rows, served);
            if (same != null) {
                return same;
            }
        }
        if (comparable) {
            logMismatches(join);
        }
        return EndpointLayout.of(directoryVersion, comparable, rows, served, writer.labelTables(served));
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

    private void tellDirectory(List<OvsInterface> rows) {
        if (rows != lastToldRows) {
            directory.localEndpoints(rows.stream().flatMap(row -> row.endpointId().stream())
                    .collect(Collectors.toSet()));
            lastToldRows = rows;
        }
    }
}
