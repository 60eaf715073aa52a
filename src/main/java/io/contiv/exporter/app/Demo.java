package io.contiv.exporter.app;

import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.http.ListenAddress;
import io.contiv.exporter.http.MetricsServer;
import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;

/**
 * A simulated Contiv cluster with both exporters in front of it: the netplugin exporter of one node, reading the
 * node's simulated OVSDB, and the cluster's netmaster exporter, both finding netmaster through the etcd stand-in.
 */
public final class Demo implements AutoCloseable {

    public static final String NODE = "node1";

    private final SimulatedNode node;
    private final Exporter netpluginExporter;
    private final MetricsServer netpluginServer;
    private final Exporter netmasterExporter;
    private final MetricsServer netmasterServer;

    private Demo(SimulatedNode node, Exporter netpluginExporter, MetricsServer netpluginServer,
                 Exporter netmasterExporter, MetricsServer netmasterServer) {
        this.node = node;
        this.netpluginExporter = netpluginExporter;
        this.netpluginServer = netpluginServer;
        this.netmasterExporter = netmasterExporter;
        this.netmasterServer = netmasterServer;
    }

    /**
     * Starts everything on loopback.
     *
     * @param preferredPorts the netplugin and netmaster ports to try first; a taken one is replaced by a free one
     * @param tick how often counters move, or null to move them only through {@code node().clock()}
     */
    public static Demo start(ClusterSpec spec, MetricNaming naming, int[] preferredPorts, Duration tick) {
        SimulatedNode node = SimulatedNode.start(spec, NODE, tick);
        Exporter netplugin = null;
        Exporter netmaster = null;
        MetricsServer netpluginServer = null;
        try {
            String names = naming.name().toLowerCase();
            netplugin = Exporter.create(ExporterOptions.parse("--mode", "netplugin", "--etcd", node.etcdEndpoint(),
                    "--ovsdb", node.ovsdbAddress(), "--node.name", NODE, "--metric-names", names));
            netpluginServer = serve(netplugin, preferredPorts[0], "netplugin mode (simulated " + NODE + ")");
            netmaster = Exporter.create(ExporterOptions.parse("--mode", "netmaster", "--etcd", node.etcdEndpoint(),
                    "--metric-names", names));
            MetricsServer netmasterServer = serve(netmaster, preferredPorts[1], "netmaster mode (simulated)");
            return new Demo(node, netplugin, netpluginServer, netmaster, netmasterServer);
        } catch (RuntimeException e) {
            if (netpluginServer != null) {
                netpluginServer.close();
            }
            if (netplugin != null) {
                netplugin.close();
            }
            if (netmaster != null) {
                netmaster.close();
            }
            node.close();
            throw e;
        }
    }

    private static MetricsServer serve(Exporter exporter, int preferredPort, String title) {
        try {
            try {
                return exporter.serve(new ListenAddress("", preferredPort), "/metrics", title, null);
            } catch (BindException taken) {
                return exporter.serve(new ListenAddress("", 0), "/metrics", title, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SimulatedNode node() {
        return node;
    }

    public int netpluginPort() {
        return netpluginServer.port();
    }

    public int netmasterPort() {
        return netmasterServer.port();
    }

    @Override
    public void close() {
        netpluginServer.close();
        netmasterServer.close();
        netpluginExporter.close();
        netmasterExporter.close();
        node.close();
    }
}
