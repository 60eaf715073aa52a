package io.contiv.exporter.faults;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExporterProcess;
import io.contiv.exporter.support.Scrape;
import io.contiv.exporter.testing.InterfaceRow;
import io.contiv.exporter.testing.RealOvsdbServer;
import io.contiv.exporter.testing.Requirements;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real ovsdb-server holding the simulated node's endpoint interfaces: down when the exporter starts, then
 * restarted under a running exporter. Statistics are ephemeral in OVS's schema, so they are written again after
 * every start, as ovs-vswitchd would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealOvsdbFaultsIT {

    private static final String NODE = "node1";
    private static final String BRIDGE = "contivVxlanBridge";

    private SimulatedNode node;
    private RealOvsdbServer ovsdb;
    private ExporterProcess exporter;
    private List<InterfaceRow> rows;
    private final List<FaultPhase.Result> results = new ArrayList<>();

    @BeforeAll
    void start() {
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
        List<String> options = new ArrayList<>(FaultPhase.FAST_OPTIONS);
        options.addAll(List.of("--mode", "netplugin", "--node.name", NODE, "--etcd", node.etcdEndpoint(),
                "--ovsdb", ovsdb.tcpAddress()));
        exporter = ExporterProcess.start(options.toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        results.forEach(r -> System.out.println("FAULT-MATRIX-SUMMARY " + r.row()));
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
        return FaultPhase.of(fault, "ovsdb")
                .upWhileFaulty("ovsdb", 0).upWhileFaulty("netmaster", 1).upWhileFaulty("etcd", 1)
                // counters of a switch the exporter cannot see are not served; the health metrics are
                .servedWhileFaulty(s -> s.count("contiv_endpoint_info") == 0
                        && s.count("contiv_exporter_build_info") == 1)
                .recovered(this::allCountersServed);
    }

    @Test
    @Order(1)
    void ovsdbDownWhenTheExporterStarts() {
        results.add(ovsdbFault("OVSDB down when the exporter starts (real ovsdb-server started later)")
                .alreadyInjected()
                // the other sources are read at startup too; the fault counts as seen once they have been
                .noticedWhen(o -> o.scrape().up("ovsdb") == 0 && o.scrape().up("netmaster") == 1)
                .clear(this::startOvsdbAgain).run(exporter));
    }

    @Test
    @Order(2)
    void ovsdbRestartedUnderARunningExporter() {
        results.add(ovsdbFault("OVSDB restarted mid-run (real ovsdb-server stopped, started again)")
                .inject(ovsdb::stop).clear(this::startOvsdbAgain).run(exporter));
    }
}
