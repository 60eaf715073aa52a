package io.contiv.exporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.simulation.etcd.EtcdStandIn;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults of the netmaster leader lookup in etcd, against a real etcd (stopped and restarted, its leader key deleted and
 * moved) and, for the failover between endpoints, the etcd stand-in in front of it, with a netmaster-mode exporter
 * (which finds netmaster through etcd all the time). Netmaster is the simulated node's. The netplugin-mode watch of
 * the endpoint state has its own group ({@link EtcdWatchFaults}).
 */
final class EtcdFaults implements FaultGroup {

    private static final String NODE = "node1";
    private static final String LEADER_KEY = EtcdStandIn.LEADER_KEY;
    private static final String NETMASTER_LAST_SUCCESS =
            "contiv_exporter_source_last_success_timestamp_seconds{source=\"netmaster\"}";

    private SimulatedNode node;
    private RealEtcd etcd;
    private ExporterProcess exporter;
    private long endpointSeries;

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public void start() {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
        etcd = RealEtcd.start();
        etcd.putV2(LEADER_KEY, node.netmaster().hostPort());
        exporter = startExporter(etcd.endpoint());
        endpointSeries = exporter.scrapeUntil(s -> s.count("contiv_endpoints") > 0, Duration.ofSeconds(15))
                .count("contiv_endpoints");
    }

    @Override
    public List<Phase> phases() {
        return List.of(
                new Phase("etcd down", this::etcdDown),
                new Phase("leader key missing", this::leaderKeyMissing),
                new Phase("leader moved to a new address", this::leaderMoved),
                new Phase("one of several endpoints down", this::oneOfSeveralEndpointsDown));
    }

    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private ExporterProcess startExporter(String etcdEndpoints) {
        List<String> options = new ArrayList<>(FaultPhase.FAST_OPTIONS);
        options.addAll(List.of("--mode", "netmaster", "--etcd", etcdEndpoints));
        return ExporterProcess.start(options.toArray(String[]::new));
    }

    /** etcd failing: netmaster is still read at the leader last found, so its data stays fresh. */
    private FaultPhase etcdFault(String fault) {
        return FaultPhase.of(fault, "etcd")
                .upWhileFaulty("etcd", 0).upWhileFaulty("netmaster", 1)
                .heldUntil(o -> o.scrape().errors("etcd") >= o.noticed().errors("etcd") + 1
                        && o.grew(NETMASTER_LAST_SUCCESS))
                .servedWhileFaulty(s -> s.count("contiv_endpoints") == endpointSeries)
                .recovered(s -> s.count("contiv_endpoints") == endpointSeries);
    }

    private FaultPhase.Result etcdDown() {
        return etcdFault("etcd down (real etcd stopped, then restarted)")
                .inject(etcd::stop).clear(etcd::restart).run(exporter);
    }

    private FaultPhase.Result leaderKeyMissing() {
        return etcdFault("netmaster leader key missing in etcd")
                .warns(1, "no netmaster leader")
                .inject(() -> etcd.deleteV2(LEADER_KEY))
                .clear(() -> etcd.putV2(LEADER_KEY, node.netmaster().hostPort())).run(exporter);
    }

    private FaultPhase.Result leaderMoved() {
        NetmasterStandIn oldLeader = node.netmaster();
        try (NetmasterStandIn newLeader = NetmasterStandIn.serving(node.cluster())) {
            try {
                FaultPhase.Result result = FaultPhase.of("netmaster leader moved to a new address (old one stopped)",
                                "netmaster")
                        .inject(() -> etcd.putV2(LEADER_KEY, newLeader.hostPort()))
                        .noticedWhen(o -> newLeader.requestCount("/api/v1/networks/") > 0)
                        .heldUntil(o -> true)
                        // the old leader goes away once the new one has taken over, as in a netmaster failover
                        .clear(oldLeader::stop)
                        .upWhileFaulty("etcd", 1).upWhileFaulty("netmaster", 1)
                        .servedWhileFaulty(s -> s.count("contiv_endpoints") == endpointSeries)
                        .recovered(s -> s.count("contiv_endpoints") == endpointSeries)
                        .warns(0, "")
                        .recoveryInfo("netmaster leader is now " + newLeader.hostPort())
                        .run(exporter);
                long before = newLeader.requestCount("/api/v1/networks/");
                exporter.scrapeUntil(s -> newLeader.requestCount("/api/v1/networks/") > before + 1,
                        Duration.ofSeconds(5));
                assertThat(newLeader.requestCount("/api/v1/networks/")).as("reads go to the new leader")
                        .isGreaterThan(before + 1);
                return result;
            } finally {
                oldLeader.start();
                etcd.putV2(LEADER_KEY, oldLeader.hostPort());
                long before = oldLeader.requestCount("/api/v1/networks/");
                exporter.scrapeUntil(s -> oldLeader.requestCount("/api/v1/networks/") > before,
                        Duration.ofSeconds(5));
            }
        }
    }

    /** Two endpoints, the first one (the stand-in) stops: the exporter moves to the second and says so once. */
    private FaultPhase.Result oneOfSeveralEndpointsDown() {
        EtcdStandIn first = node.etcd();
        try (ExporterProcess twoEndpoints = startExporter(node.etcdEndpoint() + "," + etcd.endpoint())) {
            return FaultPhase.of("one of two etcd endpoints down (the one in use)", "etcd")
                    .inject(first::stop).clear(first::start)
                    .noticedWhen(o -> o.log().stream().anyMatch(l -> l.contains("[WARN]")))
                    .heldUntil(o -> o.grew(NETMASTER_LAST_SUCCESS))
                    .upWhileFaulty("etcd", 1).upWhileFaulty("netmaster", 1)
                    .servedWhileFaulty(s -> s.count("contiv_endpoints") == endpointSeries)
                    .recovered(s -> s.count("contiv_endpoints") == endpointSeries)
                    .warns(1, node.etcdEndpoint())
                    .recoveryInfo(null)
                    .run(twoEndpoints);
        } finally {
            first.start();
        }
    }
}
