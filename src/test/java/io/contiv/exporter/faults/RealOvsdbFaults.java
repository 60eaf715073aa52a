package io.contiv.exporter.faults;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import io.contiv.exporter.testing.InterfaceRow;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ovsdb-server holding the simulated node's endpoint interfaces: down when the exporter starts, then
 * restarted under a running exporter. Statistics are ephemeral in OVS's schema, so they are written again after
 * every start, as ovs-vswitchd would.
 */
final class RealOvsdbFaults implements FaultGroup {

    private static final String NODE = "node1";
    private static final String BRIDGE = "contivVxlanBridge";

    private SimulatedNode node;
    private RealOvsdbServer ovsdb;
    private ExporterProcess exporter;
    private List<InterfaceRow> rows;

    @Override
    public String name() {
        return "ovsdb-server";
    }

    @Override
    public void start() {
        Requirements.fromEnvironment().requireBinaries(RealOvsdbServer.REQUIRED_BINARIES);
        node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
        List<Endpoint> endpoints = node.cluster().endpointsOnHost(NODE);
        rows = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            rows.add(InterfaceRow.endpoint(endpoints.get(i).interfaceName(), endpoints.get(i).endpointID(), i + 1));
        }
        ovsdb = RealOvsdbServer.start();
        ovsdb.addBridge(BRIDGE);
        ovsdb.addInterfaces(BRIDGE, rows);
        ovsdb.stop();
        // the first phase starts with the exporter: every line from startup on counts, and its first scrapes are
        // those of a cold JVM on a machine busy starting the other groups; so the default timeouts here, not the
        // short ones of the other groups (the first HTTP request of a cold JVM can take a second)
        // the tunnels collector reads OVSDB too, as a source of its own (ovsdb_tunnels, HostLinkReaderTest): off,
        // so that each fault here is the monitor's alone, with its one WARN line
        List<String> options = new ArrayList<>(List.of("--netmaster.refresh-interval", "250ms",
                "--no-collector.tunnels"));
        options.addAll(List.of("--mode", "netplugin", "--node.name", NODE, "--etcd", node.etcdEndpoint(),
                "--ovsdb", ovsdb.tcpAddress()));
        exporter = ExporterProcess.start(options.toArray(String[]::new));
    }

    @Override
    public List<Phase> phases() {
        return List.of(
                new Phase("OVSDB down when the exporter starts", this::ovsdbDownWhenTheExporterStarts),
                new Phase("OVSDB restarted under a running exporter", this::ovsdbRestarted));
    }

    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
        if (ovsdb != null) {
            ovsdb.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private void startOvsdbAgain() {
        ovsdb.restart();
        rows.forEach(row -> ovsdb.setStatistics(row.name(), row.statistics()));
    }

    /** Every endpoint served, with the counters OVS holds (rx_bytes of OVS is what the container sent). */
    private boolean allCountersServed(Scrape scrape) {
        return scrape.count("contiv_endpoint_info") == rows.size()
                && rows.stream().allMatch(row -> scrape.samples().entrySet().stream().anyMatch(e ->
                e.getKey().startsWith("contiv_endpoint_transmit_bytes_total{")
                        && e.getKey().contains("interface=\"" + row.name() + "\"")
                        && e.getValue() == row.statistics().get("rx_bytes").doubleValue()));
    }

    private FaultPhase ovsdbFault(String fault) {
        return FaultPhase.of(fault, "ovsdb").scrapeTimeout(Duration.ofSeconds(4))
                .upWhileFaulty("ovsdb", 0).upWhileFaulty("etcd_endpoints", 1)
                // counters of a switch the exporter cannot see are not served; the health metrics are
                .servedWhileFaulty(s -> s.count("contiv_endpoint_info") == 0
                        && s.count("contiv_exporter_build_info") == 1)
                .recovered(this::allCountersServed);
    }

    private FaultPhase.Result ovsdbDownWhenTheExporterStarts() {
        return ovsdbFault("OVSDB down when the exporter starts (real ovsdb-server started later)")
                .alreadyInjected()
                // the other sources are read at startup too; the fault counts as seen once they have been
                .noticedWhen(o -> o.scrape().up("ovsdb") == 0 && o.scrape().up("etcd_endpoints") == 1)
                .clear(this::startOvsdbAgain).run(exporter);
    }

    private FaultPhase.Result ovsdbRestarted() {
        return ovsdbFault("OVSDB restarted mid-run (real ovsdb-server stopped, started again)")
                .inject(ovsdb::stop).clear(this::startOvsdbAgain).run(exporter);
    }
}
