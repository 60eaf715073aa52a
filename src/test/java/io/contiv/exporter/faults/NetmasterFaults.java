package io.contiv.exporter.faults;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ExporterProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Netmaster faults (the netmaster stand-in's switches) against one netmaster-mode exporter, the one that reads
 * netmaster all the time (netplugin mode reads endpoint metadata from etcd, or asks netmaster once per new endpoint),
 * running through all of them: each fault is noticed, ridden out with the last data kept, logged once, and recovered
 * from.
 */
final class NetmasterFaults implements FaultGroup {

    private static final String NODE = "node1";

    private SimulatedNode node;
    private ExporterProcess exporter;
    private long endpointSeries;

    @Override
    public String name() {
        return "netmaster";
    }

    @Override
    public void start() {
        node = SimulatedNode.start(ClusterSpec.defaults(), NODE, null);
        List<String> options = new ArrayList<>(FaultPhase.FAST_OPTIONS);
        options.addAll(List.of("--mode", "netmaster", "--etcd", node.etcdEndpoint()));
        exporter = ExporterProcess.start(options.toArray(String[]::new));
        endpointSeries = exporter.scrapeUntil(s -> s.count("contiv_endpoints") > 0, Duration.ofSeconds(15))
                .count("contiv_endpoints");
    }

    @Override
    public List<Phase> phases() {
        return List.of(
                new Phase("netmaster down", this::netmasterDown),
                new Phase("netmaster slower than the timeouts", this::netmasterSlow),
                new Phase("netmaster answers HTTP 500", this::netmasterAnswers500),
                new Phase("netmaster sends malformed JSON", this::netmasterSendsMalformedJson),
                new Phase("netmaster sends truncated JSON", this::netmasterSendsTruncatedJson),
                new Phase("a network vanishes between list and inspect", this::aNetworkVanishes));
    }

    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private NetmasterStandIn netmaster() {
        return node.netmaster();
    }

    /** The phase every netmaster failure goes through: down, with the last inventory still served. */
    private FaultPhase netmasterFault(String fault) {
        return FaultPhase.of(fault, "netmaster")
                .upWhileFaulty("netmaster", 0).upWhileFaulty("etcd", 1)
                .servedWhileFaulty(s -> s.count("contiv_endpoints") == endpointSeries)
                .recovered(s -> s.count("contiv_endpoints") == endpointSeries);
    }

    private FaultPhase.Result netmasterDown() {
        // a refresh in flight when the stand-in stops sees its answer cut; the next one cannot connect
        return netmasterFault("netmaster down (stand-in stopped)").warns(1, "netmaster failed: GET http://")
                .inject(netmaster()::stop).clear(netmaster()::start).run(exporter);
    }

    private FaultPhase.Result netmasterSlow() {
        return netmasterFault("netmaster slow (2 s per answer; timeout 1 s)")
                .inject(() -> netmaster().faults().delayResponses(Duration.ofSeconds(2)))
                .clear(() -> netmaster().faults().delayResponses(Duration.ZERO)).run(exporter);
    }

    private FaultPhase.Result netmasterAnswers500() {
        return netmasterFault("netmaster answers HTTP 500")
                .inject(() -> netmaster().faults().answerServerError(true))
                .clear(() -> netmaster().faults().answerServerError(false)).run(exporter);
    }

    private FaultPhase.Result netmasterSendsMalformedJson() {
        return netmasterFault("netmaster sends malformed JSON")
                .inject(() -> netmaster().faults().answerMalformedJson(true))
                .clear(() -> netmaster().faults().answerMalformedJson(false)).run(exporter);
    }

    private FaultPhase.Result netmasterSendsTruncatedJson() {
        return netmasterFault("netmaster sends truncated JSON")
                .inject(() -> netmaster().faults().answerTruncatedJson(true))
                .clear(() -> netmaster().faults().answerTruncatedJson(false)).run(exporter);
    }

    private FaultPhase.Result aNetworkVanishes() {
        Endpoint first = node.cluster().endpointsOnHost(NODE).get(0);
        String network = first.networkKey();
        String label = "network=\"" + first.networkName() + "\"";
        long onThatNetwork = endpointSeries(exporter.scrape(), label);
        return FaultPhase.of("network " + network + " vanishes between list and inspect", "netmaster")
                .inject(() -> netmaster().vanishFromInspect(network))
                .clear(() -> netmaster().restoreInspect(network))
                // not a failure of netmaster: the network is skipped, its endpoints are not counted until it is back
                .noticedWhen(o -> endpointSeries(o.scrape(), label) == 0)
                .heldUntil(o -> true)
                .upWhileFaulty("netmaster", 1).upWhileFaulty("etcd", 1)
                .servedWhileFaulty(s -> s.count("contiv_endpoints") == endpointSeries - onThatNetwork)
                .recovered(s -> s.count("contiv_endpoints") == endpointSeries)
                .warns(0, "")
                .recoveryInfo(null)
                .run(exporter);
    }

    private static long endpointSeries(io.contiv.exporter.support.Scrape scrape, String label) {
        return scrape.samples().keySet().stream()
                .filter(series -> series.startsWith("contiv_endpoints{") && series.contains(label)).count();
    }
}
