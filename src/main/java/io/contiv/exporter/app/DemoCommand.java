package io.contiv.exporter.app;

import io.contiv.exporter.metrics.MetricNaming;
import io.contiv.exporter.simulation.ClusterSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run both exporters against a built-in simulated Contiv cluster until Ctrl-C.")
public final class DemoCommand implements Callable<Integer>, OptionRules {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulated cluster. [default ${DEFAULT-VALUE}]")
    long seed;

    @Option(names = "--tenants", paramLabel = "N", defaultValue = "2",
            description = "Tenants. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "1", max = "1000")
    int tenants;

    @Option(names = "--networks", paramLabel = "N", defaultValue = "2",
            description = "Data networks per tenant. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "1", max = "1000")
    int networksPerTenant;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "2",
            description = "Endpoint groups per network. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "0", max = "1000")
    int groupsPerNetwork;

    @Option(names = "--endpoints", paramLabel = "N", defaultValue = "24",
            description = "Endpoints per node. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "0", max = "100000")
    int endpointsPerNode;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "4", description = "Nodes. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "1", max = "10000")
    int nodes;

    @Option(names = "--metric-names", paramLabel = "prometheus|legacy", defaultValue = "prometheus",
            description = "Naming scheme of both exporters. [default ${DEFAULT-VALUE}]")
    MetricNaming metricNames;

    @Option(names = "--netplugin.port", paramLabel = "PORT", defaultValue = "9004",
            description = "Port of the netplugin exporter; a free one if taken. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "0", max = "65535")
    int netpluginPort;

    @Option(names = "--netmaster.port", paramLabel = "PORT", defaultValue = "9005",
            description = "Port of the netmaster exporter; a free one if taken. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "0", max = "65535")
    int netmasterPort;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often the simulated switch updates its counters. [default ${DEFAULT-VALUE}]")
    @Bounds(min = "10ms", max = "1h")
    Duration tick;

    /** The cluster these options describe; a shape the simulation cannot build is a problem like a wrong value. */
    @Override
    public List<String> problems() {
        try {
            clusterSpec();
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("the simulated cluster cannot be built: " + e.getMessage());
        }
    }

    private ClusterSpec clusterSpec() {
        return ClusterSpec.defaults().withSeed(seed).withTenants(tenants)
                .withNetworksPerTenant(networksPerTenant).withGroupsPerNetwork(groupsPerNetwork)
                .withEndpointsPerNode(endpointsPerNode).withNodes(nodes);
    }

    @Override
    public Integer call() throws Exception {
        ClusterSpec clusterSpec = clusterSpec();
        CountDownLatch stopped = new CountDownLatch(1);
        Demo demo = Demo.start(clusterSpec, metricNames, new int[] {netpluginPort, netmasterPort}, tick);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("contiv-exporter demo: simulated Contiv cluster, seed %d: %d tenants, %d networks each, "
                + "%d endpoint groups per network, %d endpoints on each of %d nodes%n",
                seed, tenants, networksPerTenant, groupsPerNetwork, endpointsPerNode, nodes);
        out.printf("  netplugin exporter (%s):  http://localhost:%d/metrics%n", Demo.NODE, demo.netpluginPort());
        out.printf("  netmaster exporter:          http://localhost:%d/metrics%n", demo.netmasterPort());
        out.printf("  simulated netmaster %s, etcd %s, OVSDB %s%n", demo.node().netmaster().hostPort(),
                demo.node().etcdEndpoint(), demo.node().ovsdbAddress());
        out.printf("Try in Prometheus (scraping both):%n");
        out.printf("  sum by (tenant, network) (rate(contiv_endpoint_transmit_bytes_total[1m]))%n");
        out.printf("  topk(5, rate(contiv_endpoint_receive_packets_total[1m]))%n");
        out.printf("  sum by (endpoint_group) (rate(contiv_endpoint_transmit_dropped_total[5m]))%n");
        out.printf("  contiv_network_addresses_allocated / contiv_network_addresses_capacity%n");
        out.printf("  sum by (remote_host) (rate(contiv_tunnel_receive_bytes_total[1m]))%n");
        out.printf("  contiv_exporter_source_up == 0%n");
        out.printf("Counters move every %d ms. Ctrl-C to stop.%n", tick.toMillis());
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }
}
