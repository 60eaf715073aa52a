package io.contiv.exporter.app;

import io.contiv.exporter.collect.NetmasterCollector;
import io.contiv.exporter.collect.NetmasterSource;
import io.contiv.exporter.collect.NetpluginCollector;
import io.contiv.exporter.etcd.EtcdClient;
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
import io.contiv.exporter.ovsdb.OvsdbClient;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Builds the object graph of one exporter instance from its options, and closes what it opened. */
public final class Exporter implements AutoCloseable {

    private final PrometheusRegistry registry;
    private final SourceHealth health;
    private final List<AutoCloseable> resources;

    private Exporter(PrometheusRegistry registry, SourceHealth health, List<AutoCloseable> resources) {
        this.registry = registry;
        this.health = health;
        this.resources = resources;
    }

    public static Exporter create(ExporterOptions options) {
        if (options.netmaster() == null && options.etcd() == null) {
            throw new IllegalArgumentException(
                    "tell me where netmaster is: give --etcd (or CONTIV_ETCD) or --netmaster (or CONTIV_NETMASTER)");
        }
        boolean viaEtcd = options.netmaster() == null;
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.sourceTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        NetmasterLocator locator = viaEtcd
                ? new EtcdLeaderLocator(new EtcdClient(EtcdEndpoints.parse(options.etcd()), http,
                        options.sourceTimeout()))
                : NetmasterLocator.fixed(options.netmaster());
        NetmasterReader reader = new NetmasterReader(new NetmasterClient(http, new NetmasterJson(),
                options.sourceTimeout()));

        Set<Source> sources = EnumSet.of(Source.NETMASTER);
        if (viaEtcd) {
            sources.add(Source.ETCD);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        MultiCollector collector;
        SourceHealth health;
        if (options.mode() == Mode.NETPLUGIN) {
            sources.add(Source.OVSDB);
            health = new SourceHealth(Clock.systemUTC(), sources);
            OvsdbClient ovsdb = new OvsdbClient(OvsdbAddress.parse(options.ovsdb()), options.sourceTimeout(),
                    OvsdbClient.DEFAULT_MAX_MESSAGE_BYTES);
            resources.add(ovsdb);
            collector = new NetpluginCollector(new NetmasterSource(locator, viaEtcd, reader::readEndpoints, health),
                    ovsdb, EndpointMetricsWriter.forNaming(options.metricNames()), health);
        } else {
            health = new SourceHealth(Clock.systemUTC(), sources);
            collector = new NetmasterCollector(new NetmasterSource(locator, viaEtcd, reader::readInventory, health),
                    InventoryMetricsWriter.forNaming(options.metricNames()), health);
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        return new Exporter(registry, health, resources);
    }

    public PrometheusRegistry registry() {
        return registry;
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
