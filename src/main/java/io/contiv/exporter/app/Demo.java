package io.contiv.exporter.app;

import io.contiv.exporter.ExporterLogs;
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
        String names = naming.name().toLowerCase();
        Served netplugin = null;
        try {
            // each exporter's log lines say which of the two wrote them
            netplugin = ExporterLogs.as("netplugin exporter", () -> Served.start(ExporterOptions.parse(
                    "--mode", "netplugin", "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress(),
                    "--node.name", NODE, "--metric-names", names),
                    preferredPorts[0], "netplugin mode (simulated " + NODE + ")"));
            Served netmaster = ExporterLogs.as("netmaster exporter", () -> Served.start(ExporterOptions.parse(
                    "--mode", "netmaster", "--etcd", node.etcdEndpoint(), "--metric-names", names),
                    preferredPorts[1], "netmaster mode (simulated)"));
            return new Demo(node, netplugin.exporter, netplugin.server, netmaster.exporter, netmaster.server);
        } catch (RuntimeException e) {
            if (netplugin != null) {
                netplugin.close();
            }
            node.close();
            throw e;
        }
    }

    /** One exporter of the demo and its server. */
    private record Served(Exporter exporter, MetricsServer server) implements AutoCloseable {

        static Served start(ExporterOptions options, int preferredPort, String title) {
            Exporter exporter = Exporter.create(options);
            try {
                try {
                    return new Served(exporter,
                            exporter.serve(new ListenAddress("", preferredPort), "/metrics", title, null));
                } catch (BindException taken) {
                    return new Served(exporter, exporter.serve(new ListenAddress("", 0), "/metrics", title, null));
                }
            } catch (IOException | RuntimeException e) {
                exporter.close();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }

        @Override
        public void close() {
            server.close();
            exporter.close();
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
