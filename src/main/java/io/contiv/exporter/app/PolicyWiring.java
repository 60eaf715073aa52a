package io.contiv.exporter.app;

import io.contiv.exporter.FirstReads;
import io.contiv.exporter.endpoint.EndpointDirectorySource;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.etcd.EtcdEndpoints;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.policy.BridgePolicyTables;
import io.contiv.exporter.policy.PolicyAccounting;
import io.contiv.exporter.policy.PolicyCollector;
import io.contiv.exporter.policy.PolicyMetrics;
import io.contiv.exporter.policy.PolicyRuleSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the policy collector when it runs ({@link CollectorSelection}: {@code --collector.policy}, by default on when
 * a Contiv bridge's management socket exists): a watch on the rules in etcd and an OpenFlow reader per bridge.
 */
final class PolicyWiring {

    private static final PolicyWiring OFF = new PolicyWiring(null);

    private final ExporterOptions options;

    private PolicyWiring(ExporterOptions options) {
        this.options = options;
    }

    static PolicyWiring decide(ExporterOptions options) {
        return decide(options, CollectorSelection.decide(options));
    }

    static PolicyWiring decide(ExporterOptions options, Set<Collector> running) {
        return running.contains(Collector.POLICY) ? new PolicyWiring(options) : OFF;
    }

    /** The sources the policy collector reads, for the health metrics. */
    Set<Source> sources() {
        return options == null ? EnumSet.noneOf(Source.class) : EnumSet.of(Source.OPENFLOW, Source.ETCD_POLICY_RULES);
    }

    /**
     * Starts the rule watch and builds the collector, when policy traffic is reported; what must be closed goes
     * first into {@code resources}. The rules kept are those of the groups with endpoints in {@code endpoints}.
     */
    Optional<PolicyCollector> start(HealthCollector health, HttpClient http, FirstReads firstReads,
                                    Duration bridgeReadTimeout, List<AutoCloseable> resources,
                                    Optional<EndpointDirectorySource> endpoints) {
        if (options == null) {
            return Optional.empty();
        }
        // the exporter builds the endpoint directory whenever the policy collector runs
        EndpointDirectorySource directory = endpoints.orElseThrow();
        PolicyRuleSource rules = new PolicyRuleSource(firstReads.attempt(Source.ETCD_POLICY_RULES.label()),
                () -> localGroups(directory));
        EtcdDirectoryWatch watch = new EtcdDirectoryWatch(EtcdEndpoints.parse(options.etcd()), http,
                options.sourceTimeout(), PolicyRuleSource.POLICY_RULE_DIRECTORY, rules,
                health.reporter(Source.ETCD_POLICY_RULES), EtcdDirectoryWatch.WATCH_POLL);
        rules.wakeWith(watch::wake);
        BridgePolicyTables tables = new BridgePolicyTables(options.ovsRunDirectory(),
                BridgePolicyTables.CONTIV_BRIDGES, bridgeReadTimeout);
        resources.add(0, watch);
        resources.add(0, tables);
        watch.start();
        return Optional.of(new PolicyCollector(rules, tables, new PolicyAccounting(System::nanoTime),
                new PolicyMetrics(options.tenantFilter()), health.reporter(Source.OPENFLOW)));
    }

    /** The endpoint groups of the endpoints the directory holds (this node's), with netmaster's numeric IDs. */
    static Set<PolicyRuleSource.LocalGroup> localGroups(EndpointDirectorySource endpoints) {
        Set<PolicyRuleSource.LocalGroup> groups = new HashSet<>();
        endpoints.current().ifPresent(directory -> directory.all().forEach(endpoint -> {
            if (endpoint.hasEndpointGroup()) {
                groups.add(new PolicyRuleSource.LocalGroup(endpoint.tenant(), endpoint.endpointGroup(),
                        endpoint.endpointGroupId()));
            }
        }));
        return groups;
    }
}
