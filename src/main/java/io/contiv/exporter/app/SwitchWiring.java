package io.contiv.exporter.app;

import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.FirstReads;
import io.contiv.exporter.PolledSource;
import io.contiv.exporter.drops.DropCollector;
import io.contiv.exporter.drops.DropSource;
import io.contiv.exporter.drops.SwitchDrops;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.metrics.PublishingCollector;
import io.contiv.exporter.openflow.TableStats;
import io.contiv.exporter.ovsdb.InterfaceSource;
import io.contiv.exporter.ovsdb.OvsdbAddress;
import io.contiv.exporter.policy.BridgePolicyTables;
import io.contiv.exporter.policy.PolicyCollector;
import io.contiv.exporter.tables.BridgeTableStats;
import io.contiv.exporter.tables.FlowTableMetrics;
import io.contiv.exporter.tunnel.HostLink;
import io.contiv.exporter.tunnel.HostLinkReader;
import io.contiv.exporter.tunnel.TunnelCollector;
import io.contiv.exporter.tunnel.VtepHosts;
import io.contiv.exporter.unixctl.UnixctlClient;
import io.contiv.exporter.vswitchd.VswitchdMetrics;
import io.contiv.exporter.vswitchd.VswitchdReader;
import io.contiv.exporter.vswitchd.VswitchdReading;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Builds the collectors that read the switch beyond the endpoints, in the order they are served: vswitchd (control
 * socket), tables (OpenFlow table statistics), tunnels (OVSDB), and drops by reason, which reads what the others
 * (and the endpoint and policy collectors) hold. One background thread of their own reads the switch every
 * {@code --ovs.poll-interval}, so that a hung ovs-vswitchd delays those reads and nothing else.
 */
final class SwitchWiring {

    /**
     * What the rest of the exporter shares with these: the OVSDB address (with its TLS files), the endpoint
     * collector's OVSDB interfaces and VTEP owners, and the policy collector; each absent when that collector does
     * not run.
     */
    record Shared(OvsdbAddress ovsdb, Optional<InterfaceSource> interfaces, VtepHosts vteps,
                  Optional<PolicyCollector> policy) {
    }

    private SwitchWiring() {
    }

    /** The sources the running switch collectors read, for the health metrics. */
    static Set<Source> sources(Set<Collector> running) {
        Set<Source> sources = EnumSet.noneOf(Source.class);
        if (running.contains(Collector.VSWITCHD)) {
            sources.add(Source.VSWITCHD);
        }
        if (running.contains(Collector.TABLES)) {
            sources.add(Source.OPENFLOW_TABLES);
        }
        if (running.contains(Collector.TUNNELS)) {
            sources.add(Source.OVSDB_TUNNELS);
        }
        return sources;
    }

    /** Starts the reads of the running switch collectors and returns those collectors; what to close goes first. */
    static List<PublishingCollector> start(ExporterOptions options, Set<Collector> running, HealthCollector health,
                                           FirstReads firstReads, List<AutoCloseable> resources, Shared shared) {
        List<PublishingCollector> collectors = new ArrayList<>();
        if (!running.contains(Collector.VSWITCHD) && !running.contains(Collector.TABLES)
                && !running.contains(Collector.TUNNELS) && !running.contains(Collector.DROPS)) {
            return collectors;
        }
        ScheduledThreadPoolExecutor poller = new ScheduledThreadPoolExecutor(1, Exporter.daemonThreads("switch-poll"));
        poller.setRemoveOnCancelPolicy(true);
        resources.add(0, poller::shutdownNow);
        // the first reads, one after the other, are one first read among the exporter's others
        FirstAttempt firstRound = firstReads.attempt("the switch (vswitchd, tables, tunnels)");
        List<PolledSource<?>> polled = new ArrayList<>();

        Optional<PolledSource<VswitchdReading>> vswitchd = Optional.empty();
        if (running.contains(Collector.VSWITCHD)) {
            VswitchdReader reader = new VswitchdReader(UnixctlClient.forRunDirectory(options.ovsRunDirectory(),
                    options.sourceTimeout()));
            PolledSource<VswitchdReading> source = polled(reader::read, health, Source.VSWITCHD, firstRound,
                    resources, reader);
            polled.add(source);
            collectors.add(VswitchdMetrics.collector(source));
            vswitchd = Optional.of(source);
        }
        if (running.contains(Collector.TABLES)) {
            BridgeTableStats bridges = new BridgeTableStats(options.ovsRunDirectory(),
                    BridgePolicyTables.CONTIV_BRIDGES, options.sourceTimeout());
            PolledSource<Map<String, List<TableStats>>> source = polled(bridges::read, health,
                    Source.OPENFLOW_TABLES, firstRound, resources, bridges);
            polled.add(source);
            collectors.add(FlowTableMetrics.collector(source));
        }
        if (running.contains(Collector.TUNNELS)) {
            HostLinkReader reader = new HostLinkReader(shared.ovsdb(), options.sourceTimeout(),
                    options.ovsdbMaxMessageBytes());
            PolledSource<List<HostLink>> source = polled(reader::read, health, Source.OVSDB_TUNNELS, firstRound,
                    resources, reader);
            polled.add(source);
            collectors.add(new TunnelCollector(source, shared.vteps()));
        }
        if (running.contains(Collector.DROPS)) {
            List<DropSource> drops = new ArrayList<>();
            shared.policy().ifPresent(policy -> drops.add(SwitchDrops.policy(policy::deniedPacketsByRule)));
            vswitchd.ifPresent(source -> drops.add(SwitchDrops.vswitchd(source)));
            shared.interfaces().ifPresent(interfaces -> drops.add(SwitchDrops.interfaces(interfaces)));
            collectors.add(new DropCollector(drops));
        }
        PolledSource.startAll(polled, poller, options.ovsPollInterval(), firstRound);
        return collectors;
    }

    private static <T> PolledSource<T> polled(PolledSource.Read<T> read, HealthCollector health, Source source,
                                              FirstAttempt firstRound, List<AutoCloseable> resources,
                                              AutoCloseable client) {
        PolledSource<T> polled = new PolledSource<>(read, health.reporter(source), firstRound);
        resources.add(0, client);
        resources.add(0, polled);
        return polled;
    }
}
