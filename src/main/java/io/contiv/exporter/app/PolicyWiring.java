package io.contiv.exporter.app;

import io.contiv.exporter.collect.BridgePolicyTables;
import io.contiv.exporter.collect.PolicyCollector;
import io.contiv.exporter.collect.PolicyRuleSource;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.metrics.PolicyMetrics;
import io.contiv.exporter.metrics.Source;
import io.contiv.exporter.metrics.SourceHealth;
import io.contiv.exporter.policy.PolicyAccounting;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether this exporter reports policy traffic ({@code --collector.policy}, by default on when a Contiv
 * bridge's management socket exists), and builds that collector: a watch on the rules in etcd and an OpenFlow
 * reader per bridge.
 */
final class PolicyWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyWiring.class);
    private static final PolicyWiring OFF = new PolicyWiring(null);

    private final ExporterOptions options;

    private PolicyWiring(ExporterOptions options) {
        this.options = options;
    }

    static PolicyWiring decide(ExporterOptions options) {
        boolean asked = options.collectorPolicy().orElse(false);
        if (options.collectorPolicy().isPresent() && !asked) {
            return OFF;
        }
        if (options.mode() != Mode.NETPLUGIN) {
            if (asked) {
                throw new IllegalArgumentException("--collector.policy works in netplugin mode only");
            }
            return OFF;
        }
        if (!asked && !BridgePolicyTables.anyManagementSocket(options.ovsRunDirectory())) {
            LOG.info("policy collector off: no {} management socket in {} (give --collector.policy to force it)",
                    String.join(" or ", BridgePolicyTables.CONTIV_BRIDGES), options.ovsRunDirectory());
            return OFF;
        }
        if (options.etcd() == null) {
            if (asked) {
                throw new IllegalArgumentException("--collector.policy needs --etcd (or CONTIV_ETCD): "
                        + "the rules are read from etcd");
            }
            LOG.info("policy collector off: it reads the rules from etcd, and no --etcd was given");
            return OFF;
        }
        return new PolicyWiring(options);
    }

    /**
     * The bridges are read one after the other on every scrape, after first reads that may take three fifths of the
     * scrape timeout (see {@link Exporter}): together the bridges get one more fifth, so a scrape stays on time.
     */
    static Duration bridgeReadTimeout(ExporterOptions options) {
        Duration share = options.scrapeTimeout().dividedBy(5)
                .dividedBy(BridgePolicyTables.CONTIV_BRIDGES.size());
        return share.compareTo(options.sourceTimeout()) < 0 ? share : options.sourceTimeout();
    }

    /** The sources the policy collector reads, for the health metrics. */
    Set<Source> sources() {
        return options == null ? EnumSet.noneOf(Source.class) : EnumSet.of(Source.OPENFLOW, Source.ETCD);
    }

    /** Starts the rule watch and registers the collector; what must be closed goes first into {@code resources}. */
    void register(PrometheusRegistry registry, SourceHealth health, HttpClient http, Duration firstReadWait,
                  List<AutoCloseable> resources) {
        if (options == null) {
            return;
        }
        PolicyRuleSource rules = new PolicyRuleSource(health, firstReadWait);
        EtcdDirectoryWatch watch = new EtcdDirectoryWatch(EtcdEndpoints.parse(options.etcd()), http,
                options.sourceTimeout(), PolicyRuleSource.POLICY_RULE_DIRECTORY, rules::accept, rules::failed,
                took -> health.recordSuccess(Source.ETCD, took.toNanos() / 1e9), EtcdDirectoryWatch.WATCH_POLL);
        BridgePolicyTables tables = new BridgePolicyTables(options.ovsRunDirectory(),
                BridgePolicyTables.CONTIV_BRIDGES, bridgeReadTimeout(options));
        resources.add(0, watch);
        resources.add(0, tables);
        registry.register(new PolicyCollector(rules, tables, new PolicyAccounting(System::nanoTime),
                new PolicyMetrics(), health));
        watch.start();
    }
}
