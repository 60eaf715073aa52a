package io.contiv.exporter.faults;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ClusterInEtcd;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.testing.CloseAll;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.Requirements;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd faults of the netplugin-mode watch of the endpoint state (the default with etcd given): a real etcd holding
 * the simulated cluster's network and endpoint state goes away and comes back; the labels stay meanwhile, and the
 * watch catches up when it is back (etcd's event history does not survive its restart).
 */
final class EtcdWatchFaults implements FaultGroup {

    private static final String NODE = "node1";

    private SimulatedNode node;
    private RealEtcd etcd;
    private ExporterProcess exporter;
    private int endpointsOnNode;

    @Override
    public String name() {
        return "etcd watch";
    }

    @Override
    public void start() {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
        endpointsOnNode = node.cluster().endpointsOnHost(NODE).size();
        etcd = RealEtcd.start();
        try {
            ClusterInEtcd.write(etcd, node.cluster(), 2);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load etcd", e);
        }
        List<String> options = new ArrayList<>(FaultPhase.FAST_OPTIONS);
        options.addAll(List.of("--mode", "netplugin", "--node.name", NODE, "--etcd", etcd.endpoint(),
                "--ovsdb", node.ovsdbAddress()));
        exporter = ExporterProcess.start(options.toArray(String[]::new));
    }

    @Override
    public List<Phase> phases() {
        return List.of(new Phase("etcd down", this::etcdDown));
    }

    @Override
    public void close() {
        CloseAll.close(exporter, etcd, node);
    }

    private FaultPhase.Result etcdDown() {
        return FaultPhase.of("etcd down under the endpoint watch (real etcd stopped, then restarted)",
                        "etcd_endpoints")
                .upWhileFaulty("etcd_endpoints", 0).upWhileFaulty("ovsdb", 1)
                .servedWhileFaulty(s -> s.count("contiv_endpoint_info") == endpointsOnNode)
                .recovered(s -> s.count("contiv_endpoint_info") == endpointsOnNode)
                .inject(etcd::stop).clear(etcd::restart).run(exporter);
    }
}
