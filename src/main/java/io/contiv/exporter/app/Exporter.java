package io.contiv.exporter.app;

import io.contiv.exporter.collect.EndpointDirectorySource;
import io.contiv.exporter.collect.EtcdDirectorySource;
import io.contiv.exporter.collect.NetmasterCollector;
import io.contiv.exporter.collect.NetmasterDirectorySource;
import io.contiv.exporter.collect.NetmasterSource;
import io.contiv.exporter.collect.NetpluginCollector;
import io.contiv.exporter.etcd.EtcdClient;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.etcd.EtcdLeaderLocator;
import io.contiv.exporter.metrics.EndpointMetricsWriter;
import io.contiv.exporter.metrics.InventoryMetricsWriter;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.netmaster.NetmasterClient;
import io.contiv.exporter.netmaster.NetmasterJson;
import io.contiv.exporter.netmaster.NetmasterLocator;
import io.contiv.exporter.netmaster.NetmasterReader;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.ovsdb.OvsdbMonitor;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the object graph of one exporter instance from its options, and closes what it opened. */
public final class Exporter implements AutoCloseable {

    /** Bounds on-demand netmaster reads, asked for when OVS shows endpoints netmaster has not told us about. */
    private static final Duration ON_DEMAND_REFRESH_SPACING = Duration.ofSeconds(5);
    /** How often netplugin mode looks for changed OVS or netmaster data to build (and encode) before a scrape does. */
    private static final Duration PREPARE_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    private final PrometheusRegistry registry;
    private final SourceHealth health;
    private final List<AutoCloseable> resources;
    private final AtomicReference<Consumer<List<MetricSnapshot>>> prepared;

    private Exporter(PrometheusRegistry registry, SourceHealth health, List<AutoCloseable> resources,
                     AtomicReference<Consumer<List<MetricSnapshot>>> prepared) {
        this.registry = registry;
        this.health = health;
        this.resources = resources;
        this.prepared = prepared;
    }

    public static Exporter create(ExporterOptions options) {
        boolean metadataFromEtcd = options.mode() == Mode.NETPLUGIN
                && options.metadataSource() == MetadataSource.ETCD;
        if (metadataFromEtcd && options.etcd() == null) {
            throw new IllegalArgumentException("--metadata-source etcd needs --etcd (or CONTIV_ETCD)");
        }
        if (options.ovsdbProbeInterval().isZero() || options.ovsdbProbeInterval().isNegative()) {
            throw new IllegalArgumentException("--ovsdb.probe-interval must be positive");
        }
        if (options.ovsdbMaxMessageBytes() < 1024) {
            throw new IllegalArgumentException("--ovsdb.max-message-bytes must be at least 1024");
        }
        if (options.netmaster() == null && options.etcd() == null) {
            throw new IllegalArgumentException(
                    "tell me where netmaster is: give --etcd (or CONTIV_ETCD) or --netmaster (or CONTIV_NETMASTER)");
        }
        PolicyWiring policy = PolicyWiring.decide(options);
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.sourceTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("refresh"));
        scheduler.setRemoveOnCancelPolicy(true);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(scheduler::shutdownNow);
        // a scrape waits on at most two first reads (metadata, then OVSDB); together they stay inside the deadline
        // a scrape may wait on up to three first reads (metadata, OVSDB, policy rules), one after the other, and then
        // on the policy bridges: a fifth of the scrape timeout each keeps the sum inside the deadline
        Duration firstReadWait = options.scrapeTimeout().dividedBy(5);

        MultiCollector collector;
        SourceHealth health;
        AtomicReference<Consumer<List<MetricSnapshot>>> prepared = new AtomicReference<>(families -> { });
        if (options.mode() == Mode.NETPLUGIN) {
            Set<Source> sources = EnumSet.of(Source.OVSDB);
            sources.addAll(policy.sources());
            EndpointDirectorySource directory;
            Runnable startDirectory;
            if (metadataFromEtcd) {
                sources.add(Source.ETCD);
                health = new SourceHealth(Clock.systemUTC(), sources);
                EtcdDirectorySource fromEtcd = new EtcdDirectorySource(health, firstReadWait);
                EtcdDirectoryWatch watch = new EtcdDirectoryWatch(EtcdEndpoints.parse(options.etcd()), http,
                        options.sourceTimeout(), EtcdDirectorySource.ENDPOINT_STATE_DIRECTORY, fromEtcd::accept,
                        fromEtcd::failed, fromEtcd::alive, EtcdDirectoryWatch.WATCH_POLL);
                resources.add(0, watch);
                directory = fromEtcd;
                startDirectory = watch::start;
            } else {
                sources.addAll(netmasterSources(options));
                health = new SourceHealth(Clock.systemUTC(), sources);
                NetmasterSource netmaster = netmasterSource(options, http, health, scheduler, firstReadWait,
                        reader -> reader::readEndpoints);
                directory = new NetmasterDirectorySource(netmaster);
                startDirectory = netmaster::start;
            }
            OvsdbMonitor ovsdb = new OvsdbMonitor(OvsdbAddress.parse(options.ovsdb()), options.sourceTimeout(),
                    options.ovsdbMaxMessageBytes(), scheduler, options.ovsdbProbeInterval(), firstReadWait,
                    healthOf(health, Source.OVSDB));
            resources.add(0, ovsdb);
            NetpluginCollector netplugin = new NetpluginCollector(directory, ovsdb,
                    EndpointMetricsWriter.forNaming(options.metricNames()), health, options.nodeName());
            collector = netplugin;
            ovsdb.start();
            startDirectory.run();
            // its own thread: a rebuild at 10,000 endpoints takes a few hundred ms, which the refresh threads
            // (netmaster reads, OVSDB connects and probes) should not wait for
            ScheduledThreadPoolExecutor preparer = new ScheduledThreadPoolExecutor(1, daemonThreads("prepare"));
            resources.add(0, preparer::shutdownNow);
            preparer.scheduleWithFixedDelay(() -> prepare(netplugin, prepared.get()), PREPARE_INTERVAL.toMillis(),
                    PREPARE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            health = new SourceHealth(Clock.systemUTC(), netmasterSources(options));
            NetmasterSource netmaster = netmasterSource(options, http, health, scheduler, firstReadWait,
                    reader -> reader::readInventory);
            collector = new NetmasterCollector(netmaster, InventoryMetricsWriter.forNaming(options.metricNames()),
                    health);
            netmaster.start();
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        policy.register(registry, health, http, firstReadWait, resources);
        return new Exporter(registry, health, resources, prepared);
    }

    private static void prepare(NetpluginCollector collector, Consumer<List<MetricSnapshot>> listener) {
        try {
            collector.prepare(listener);
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again; scrapes still build what they need themselves
            LOG.warn("building metrics ahead of scrapes failed", e);
        }
    }

    /** The OVSDB monitor reports its own health, as it happens, rather than at scrape time. */
    private static OvsdbMonitor.HealthListener healthOf(SourceHealth health, Source source) {
        return new OvsdbMonitor.HealthListener() {
            @Override
            public void synced(Duration took) {
                health.recordSuccess(source, took.toNanos() / 1e9);
            }

            @Override
            public void failed(Duration took, Exception cause) {
                health.recordFailure(source, took.toNanos() / 1e9, cause);
            }
        };
    }

    private static Set<Source> netmasterSources(ExporterOptions options) {
        return options.netmaster() == null ? EnumSet.of(Source.ETCD, Source.NETMASTER) : EnumSet.of(Source.NETMASTER);
    }

    private static NetmasterSource netmasterSource(ExporterOptions options, HttpClient http, SourceHealth health,
                                                   ScheduledExecutorService scheduler, Duration firstReadWait,
                                                   Function<NetmasterReader, NetmasterSource.Read> what) {
        boolean viaEtcd = options.netmaster() == null;
        NetmasterLocator locator = viaEtcd
                ? new EtcdLeaderLocator(new EtcdClient(EtcdEndpoints.parse(options.etcd()), http,
                        options.sourceTimeout()))
                : NetmasterLocator.fixed(options.netmaster());
        NetmasterReader reader = new NetmasterReader(new NetmasterClient(http, new NetmasterJson(),
                options.sourceTimeout()));
        return new NetmasterSource(locator, viaEtcd, what.apply(reader), health, scheduler,
                new NetmasterSource.Timing(options.netmasterRefreshInterval(), ON_DEMAND_REFRESH_SPACING,
                        firstReadWait));
    }

    private static ThreadFactory daemonThreads(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "contiv-exporter-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Netplugin mode builds the endpoint families in the background as soon as OVS or netmaster data changes;
     * {@code listener} gets each new set (the metrics server encodes them before a scrape asks).
     */
    public void whenPrepared(Consumer<List<MetricSnapshot>> listener) {
        prepared.set(listener);
    }

    public SourceHealth health() {
        return health;
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
