package io.contiv.exporter.app;

import io.contiv.exporter.ExporterLogs;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.FirstReads;
import io.contiv.exporter.endpoint.EndpointCollector;
import io.contiv.exporter.endpoint.EndpointDirectorySource;
import io.contiv.exporter.endpoint.EndpointMetrics;
import io.contiv.exporter.endpoint.EndpointMetricsWriter;
import io.contiv.exporter.endpoint.EtcdEndpointDirectory;
import io.contiv.exporter.endpoint.LegacyEndpointMetrics;
import io.contiv.exporter.endpoint.NetmasterEndpointDirectory;
import io.contiv.exporter.endpoint.StatisticSelection;
import io.contiv.exporter.etcd.DirectoryScan;
import io.contiv.exporter.etcd.EtcdClient;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.etcd.EtcdLeaderLocator;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.http.HttpRefusals;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.http.ServerSettings;
import io.contiv.exporter.inventory.InventoryCollector;
import io.contiv.exporter.inventory.InventoryMetrics;
import io.contiv.exporter.inventory.InventoryMetricsWriter;
import io.contiv.exporter.inventory.LegacyInventoryMetrics;
import io.contiv.exporter.inventory.NetmasterLeader;
import io.contiv.exporter.inventory.NetmasterSource;
import io.contiv.exporter.metrics.Exposition;
import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.metrics.Publication;
import io.contiv.exporter.metrics.PublishingCollector;
import io.contiv.exporter.netmaster.NetmasterClient;
import io.contiv.exporter.netmaster.NetmasterJson;
import io.contiv.exporter.netmaster.NetmasterLocator;
import io.contiv.exporter.netmaster.NetmasterReader;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsdbMonitor;
import io.contiv.exporter.policy.PolicyCollector;
import io.contiv.exporter.tunnel.EtcdVtepHosts;
import io.contiv.exporter.tunnel.NetmasterVtepHosts;
import io.contiv.exporter.tunnel.VtepHosts;
import io.contiv.exporter.web.WebSecurity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Builds the object graph of one exporter instance from its options, and closes what it opened: the sources, the
 * collectors that run ({@link CollectorSelection}) in the order they are served (the mode's own, policy traffic, the
 * switch's: vswitchd, tables, tunnels, drops, the HTTP server's refusals, then the exporter's health, last so that it
 * shows the reads the same scrape made), and, when serving, the background thread that builds netplugin mode's
 * families as soon as its data changes.
 */
public final class Exporter implements AutoCloseable {

    /** Bounds on-demand netmaster reads, asked for when OVS shows endpoints netmaster has not told us about. */
    private static final Duration ON_DEMAND_REFRESH_SPACING = Duration.ofSeconds(5);
    /** How often netplugin mode looks for changed OVS or netmaster data to build (and encode) before a scrape does. */
    private static final Duration PREPARE_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = ExporterLogs.logger(Exporter.class);

    private final Exposition exposition;
    private final HealthCollector health;
    private final HttpRefusals refusals;
    private final ServerSettings serverSettings;
    private final Optional<EndpointCollector> endpoints;
    private final FirstReads firstReads;
    private final List<AutoCloseable> resources;
    private final AtomicReference<Consumer<Publication>> prepared;

    private Exporter(Exposition exposition, HealthCollector health, HttpRefusals refusals,
                     ServerSettings serverSettings, Optional<EndpointCollector> endpoints, FirstReads firstReads,
                     List<AutoCloseable> resources, AtomicReference<Consumer<Publication>> prepared) {
        this.exposition = exposition;
        this.health = health;
        this.refusals = refusals;
        this.serverSettings = serverSettings;
        this.endpoints = endpoints;
        this.firstReads = firstReads;
        this.resources = resources;
        this.prepared = prepared;
    }

    /** An exporter to serve, with the default {@code --scrape.timeout} and server settings. */
    public static Exporter create(ExporterOptions options) {
        return serving(options, ScrapeBudget.DEFAULT_SCRAPE_TIMEOUT, ServerSettings.defaults());
    }

    /**
     * An exporter to serve: scrapes answer within {@code scrapeTimeout}, families are built ahead of them, and its
     * server holds clients to {@code settings}.
     */
    static Exporter serving(ExporterOptions options, Duration scrapeTimeout, ServerSettings settings) {
        return create(options, ScrapeBudget.serving(scrapeTimeout, options.sourceTimeout()), settings, true);
    }

    /** An exporter for {@link #collectOnce}: it waits up to {@code deadline} for the first read of every source. */
    static Exporter once(ExporterOptions options, Duration deadline) {
        return create(options, ScrapeBudget.once(deadline, options.sourceTimeout()), ServerSettings.defaults(),
                false);
    }

    private static Exporter create(ExporterOptions options, ScrapeBudget budget, ServerSettings serverSettings,
                                   boolean buildAhead) {
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Set<Collector> running = CollectorSelection.decide(options);
        PolicyWiring policy = PolicyWiring.decide(options, running);
        FirstReads firstReads = new FirstReads(budget.firstReadWait());
        Upstreams upstreams = Upstreams.of(options);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("refresh"));
        scheduler.setRemoveOnCancelPolicy(true);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(scheduler::shutdownNow);
        AtomicReference<Consumer<Publication>> prepared = new AtomicReference<>(publication -> { });

        Set<Source> sources = EnumSet.noneOf(Source.class);
        if (running.contains(Collector.ENDPOINT) || running.contains(Collector.INVENTORY)
                || running.contains(Collector.POLICY)) {
            sources.addAll(modeSources(options));
        }
        sources.addAll(policy.sources());
        sources.addAll(SwitchWiring.sources(running));
        HealthCollector health = new HealthCollector(Clock.systemUTC(), sources);
        List<PublishingCollector> collectors = new ArrayList<>();
        Wiring wiring = new Wiring(options, upstreams, health, scheduler, firstReads, resources);
        // the policy collector keeps the rules of the groups the endpoint directory holds
        Optional<EndpointParts> endpoints = running.contains(Collector.ENDPOINT) || running.contains(Collector.POLICY)
                ? Optional.of(wiring.endpoints(buildAhead ? Optional.of(prepared) : Optional.empty(),
                        running.contains(Collector.TUNNELS), budget.firstReadWait()))
                : Optional.empty();
        Optional<EndpointCollector> endpointCollector = endpoints.filter(parts -> running.contains(Collector.ENDPOINT))
                .map(EndpointParts::collector);
        endpointCollector.ifPresent(collectors::add);
        if (running.contains(Collector.INVENTORY)) {
            collectors.add(wiring.inventory());
        }
        Optional<PolicyCollector> policyCollector = policy.start(health, upstreams.etcd(), firstReads,
                budget.bridgeReadTimeout(), resources, endpoints.map(EndpointParts::directory));
        policyCollector.ifPresent(collectors::add);
        collectors.addAll(SwitchWiring.start(options, running, health, firstReads, resources,
                new SwitchWiring.Shared(upstreams.ovsdb(),
                        endpoints.filter(parts -> running.contains(Collector.ENDPOINT))
                                .map(EndpointParts::interfaces),
                        endpoints.map(EndpointParts::vteps).orElse(VtepHosts.NONE), policyCollector)));
        HttpRefusals refusals = new HttpRefusals();
        collectors.add(refusals);
        collectors.add(health);
        return new Exporter(new Exposition(collectors), health, refusals, serverSettings,
                endpointCollector, firstReads, resources, prepared);
    }

    /** The endpoint collector and what it shares with the switch collectors. */
    private record EndpointParts(EndpointCollector collector, EndpointDirectorySource directory,
                                 InterfaceSource interfaces, VtepHosts vteps) {
    }

    /** The sources the mode's own collector reads. */
    private static Set<Source> modeSources(ExporterOptions options) {
        if (options.mode() == Mode.NETPLUGIN && options.metadataSource() == MetadataSource.ETCD) {
            return EnumSet.of(Source.OVSDB, Source.ETCD_ENDPOINTS);
        }
        Set<Source> sources = options.netmaster() == null ? EnumSet.of(Source.ETCD, Source.NETMASTER)
                : EnumSet.of(Source.NETMASTER);
        if (options.mode() == Mode.NETPLUGIN) {
            sources.add(Source.OVSDB);
        }
        return sources;
    }

    /** What both modes' collectors are built from. */
    private record Wiring(ExporterOptions options, Upstreams upstreams, HealthCollector health,
                          ScheduledExecutorService scheduler, FirstReads firstReads, List<AutoCloseable> resources) {

        /**
         * Netplugin mode: the endpoint collector, its sources started and, when {@code prepared} is given, its
         * families built in the background and handed there; its endpoint directory is shared with the policy
         * collector, its OVSDB interfaces and the VTEP owners with the switch collectors (VTEP owners only when
         * {@code tunnels}). Metadata comes from etcd, a watch of the endpoint state sized by the node; else from
         * netmaster, asked about each endpoint this node lacks. {@code lookupWait} bounds the waits for lookups of
         * endpoints OVS just showed, and for the first naming of the tunnels' remote hosts.
         */
        EndpointParts endpoints(Optional<AtomicReference<Consumer<Publication>>> prepared, boolean tunnels,
                                Duration lookupWait) {
            EndpointDirectorySource directory;
            VtepHosts vteps;
            if (options.metadataSource() == MetadataSource.ETCD) {
                EtcdEndpointDirectory fromEtcd = new EtcdEndpointDirectory(options.nodeName(),
                        firstReads.attempt(Source.ETCD_ENDPOINTS.label()), lookupWait, scheduler,
                        EtcdEndpointDirectory.SETTLING);
                EtcdVtepHosts vtepsFromEtcd = new EtcdVtepHosts(new DirectoryScan(EtcdEndpoints.parse(options.etcd()),
                        upstreams.etcd(), DirectoryScan.LISTING_WAIT, EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY),
                        // a thread of its own: etcd may take seconds to start answering
                        scan -> daemonThreads("vtep-scan").newThread(scan).start(), lookupWait);
                EtcdDirectoryWatch watch = new EtcdDirectoryWatch(EtcdEndpoints.parse(options.etcd()),
                        upstreams.etcd(), options.sourceTimeout(), EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY,
                        tunnels ? vtepsFromEtcd.learningFrom(fromEtcd) : fromEtcd,
                        health.reporter(Source.ETCD_ENDPOINTS), EtcdDirectoryWatch.WATCH_POLL);
                fromEtcd.wakeWith(watch::wake);
                resources.add(0, watch);
                watch.start();
                directory = fromEtcd;
                vteps = vtepsFromEtcd;
            } else {
                directory = new NetmasterEndpointDirectory(leader(),
                        new NetmasterClient(upstreams.netmaster(), new NetmasterJson(), options.sourceTimeout()),
                        health.reporter(Source.NETMASTER), scheduler, firstReads.attempt(Source.NETMASTER.label()),
                        lookupWait);
                // without etcd, only netmaster's network inspects name them: read whole, once the node has a
                // tunnel, at the netmaster refresh interval (a cost that follows the cluster, docs/scaling.md); not
                // one of the first reads a scrape waits for, as it may never start
                vteps = tunnels ? new NetmasterVtepHosts(netmaster(reader -> reader::readEndpoints,
                        FirstAttempt.alone("netmaster network inspects", lookupWait))) : VtepHosts.NONE;
            }
            OvsdbMonitor ovsdb = new OvsdbMonitor(upstreams.ovsdb(), options.sourceTimeout(),
                    options.ovsdbMaxMessageBytes(), scheduler, options.ovsdbProbeInterval(),
                    firstReads.attempt(Source.OVSDB.label()), health.reporter(Source.OVSDB));
            resources.add(0, ovsdb);
            StatisticSelection statistics = options.endpointStatistics().map(StatisticSelection::only)
                    .orElse(StatisticSelection.ALL);
            EndpointMetricsWriter writer = options.metricNames() == MetricNaming.LEGACY
                    ? new LegacyEndpointMetrics(statistics) : new EndpointMetrics(statistics);
            EndpointCollector collector = new EndpointCollector(directory, ovsdb, writer, options.nodeName(),
                    options.tenantFilter());
            ovsdb.start();
            prepared.ifPresent(listener -> buildAhead(collector, ovsdb, listener));
            return new EndpointParts(collector, directory, ovsdb, vteps);
        }

        private void buildAhead(EndpointCollector collector, OvsdbMonitor ovsdb,
                                AtomicReference<Consumer<Publication>> prepared) {
            // its own thread: a rebuild and its encoding at 10,000 endpoints take a few hundred ms, which the refresh
            // threads (netmaster reads, OVSDB connects and probes) should not wait for; at once when OVS changed
            // (a statistics refresh), else every PREPARE_INTERVAL for the directory
            ScheduledThreadPoolExecutor preparer = new ScheduledThreadPoolExecutor(1, daemonThreads("prepare"));
            resources.add(0, preparer::shutdownNow);
            // with what has been read so far: the wait for the first reads, and its deadline, belong to the scrapes
            Runnable prepare = () -> firstReads.withoutWaiting(() -> prepare(collector, prepared.get()));
            AtomicBoolean queued = new AtomicBoolean();
            ovsdb.whenChanged(() -> {
                if (queued.compareAndSet(false, true) && !preparer.isShutdown()) {
                    preparer.execute(() -> {
                        queued.set(false);
                        prepare.run();
                    });
                }
            });
            collector.prepareInBackground();
            preparer.scheduleWithFixedDelay(prepare, PREPARE_INTERVAL.toMillis(), PREPARE_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** Netmaster mode: the inventory collector, its netmaster source started. */
        InventoryCollector inventory() {
            NetmasterSource netmaster = netmaster(reader -> reader::readInventory,
                    firstReads.attempt(Source.NETMASTER.label()));
            InventoryMetricsWriter writer = options.metricNames() == MetricNaming.LEGACY
                    ? new LegacyInventoryMetrics() : new InventoryMetrics();
            InventoryCollector collector = new InventoryCollector(netmaster, writer);
            netmaster.start();
            return collector;
        }

        private NetmasterLeader leader() {
            return new NetmasterLeader(locator(),
                    viaEtcd() ? Optional.of(health.reporter(Source.ETCD)) : Optional.empty());
        }

        private boolean viaEtcd() {
            return options.netmaster() == null;
        }

        private NetmasterLocator locator() {
            return viaEtcd()
                    ? new EtcdLeaderLocator(new EtcdClient(EtcdEndpoints.parse(options.etcd()), upstreams.etcd(),
                            options.sourceTimeout()))
                    : NetmasterLocator.fixed(options.netmaster());
        }

        private NetmasterSource netmaster(Function<NetmasterReader, NetmasterSource.Read> what,
                                          FirstAttempt firstRead) {
            NetmasterReader reader = new NetmasterReader(new NetmasterClient(upstreams.netmaster(),
                    new NetmasterJson(), options.sourceTimeout()));
            return new NetmasterSource(locator(),
                    viaEtcd() ? Optional.of(health.reporter(Source.ETCD)) : Optional.empty(), what.apply(reader),
                    health.reporter(Source.NETMASTER), scheduler,
                    new NetmasterSource.Timing(options.netmasterRefreshInterval(), ON_DEMAND_REFRESH_SPACING),
                    firstRead);
        }
    }

    private static void prepare(EndpointCollector collector, Consumer<Publication> listener) {
        try {
            collector.prepare(listener);
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again; scrapes still build what they need themselves
            LOG.warn("building metrics ahead of scrapes failed", e);
        }
    }

    static ThreadFactory daemonThreads(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "contiv-exporter-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Serves this exporter over HTTP, the one way {@code serve} and {@code demo} both take: with the options'
     * bounds on what a client may hold, what is turned away counted in this exporter's own metrics, and
     * publications built in the background encoded for the server before a scrape asks for them. {@code security}
     * may be null.
     */
    public MetricsServer serve(ListenAddress address, String telemetryPath, String title, WebSecurity security)
            throws IOException {
        MetricsServer server = MetricsServer.start(exposition, address, telemetryPath, title, security,
                serverSettings, refusals);
        prepared.set(server::preEncode);
        return server;
    }

    /**
     * Collects once, for {@code once}: waits for the first read of every source (up to the deadline this exporter
     * was made with), scrapes, and says what is wrong with what was scraped.
     */
    public Collected collectOnce() {
        // the endpoint directory looks up what OVS holds: told first, so that its first lookups are among the reads
        endpoints.ifPresent(EndpointCollector::tellDirectoryWhatOvsHolds);
        List<String> unfinished = firstReads.awaitAll();
        MetricSnapshots snapshots = registry().scrape();
        return Collected.of(snapshots, health.publishedStatus(), unfinished,
                endpoints.flatMap(EndpointCollector::publishedJoin), firstReads.budget());
    }

    public Exposition exposition() {
        return exposition;
    }

    public PrometheusRegistry registry() {
        return exposition.registry();
    }

    public HealthCollector health() {
        return health;
    }

    /** What the HTTP server turned away; counted while {@link #serve} serves. */
    public HttpRefusals httpRefusals() {
        return refusals;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down; nothing useful to do with a failure to close
            }
        }
    }
}
