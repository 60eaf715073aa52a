package io.contiv.exporter.bench;

import io.contiv.exporter.simulation.ClusterChurn;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.etcd.EndpointStateJson;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.ClusterInEtcd;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.testing.CountingRelay;
import io.contiv.exporter.testing.FreePorts;
import io.contiv.exporter.testing.InterfaceRow;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.RealOvsdbServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-scale bench: a real etcd behind a byte-counting relay holding a cluster of 50,000 endpoints on 500
 * nodes, a real ovsdb-server holding node1's 100 interfaces, the netmaster stand-in (behind a relay of its own) serving
 * the same cluster, and the exporter jar in a JVM of its own with the sidecar's settings. Measures what one node's
 * exporter costs in the default configuration, then what the one netmaster-mode exporter of the cluster costs.
 */
final class ClusterScaleRun {

    static final int ENDPOINTS = 50_000;
    static final int HOSTS = 500;
    static final String NODE = "node1";
    static final double CHANGES_PER_SECOND = 20;
    static final List<String> SIDECAR_JVM = List.of("-XX:MaxRAM=256m", "-XX:MaxRAMPercentage=50",
            "-XX:ActiveProcessorCount=1");
    private static final String BRIDGE = "contivVxlanBridge";
    private static final Duration PROMETHEUS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final int LATENCY_SAMPLES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterScaleRun.class);

    private final BenchOptions options;
    private final Duration churnDuration;
    private final Duration netmasterModeDuration;

    ClusterScaleRun(BenchOptions options) {
        this.options = options;
        this.churnDuration = options.clusterChurnDuration();
        this.netmasterModeDuration = options.clusterNetmasterDuration();
    }

    ClusterScaleFigures run() throws Exception {
        SimulatedCluster cluster = SimulatedCluster.generate(ClusterSpec.manyNodes(ENDPOINTS, HOSTS));
        List<Endpoint> local = cluster.endpointsOnHost(NODE);
        try (RealEtcd etcd = RealEtcd.start();
             CountingRelay etcdRelay = CountingRelay.start(etcd.clientPort());
             NetmasterStandIn netmaster = NetmasterStandIn.serving(cluster);
             CountingRelay netmasterRelay = CountingRelay.start(netmaster.port());
             RealOvsdbServer ovsdb = RealOvsdbServer.start()) {
            long loading = System.nanoTime();
            LOG.info("cluster scale: writing {} endpoint states to etcd", ENDPOINTS);
            long stateBytes = ClusterInEtcd.write(etcd, cluster, 8);
            etcd.putV2("/contiv.io/lock/netmaster/leader", "127.0.0.1:" + netmasterRelay.port());
            long directoryBytes = directoryBytes(etcd);
            LOG.info("cluster scale: etcd loaded in {} s; the endpoint directory is {} bytes",
                    (System.nanoTime() - loading) / 1_000_000_000, directoryBytes);
            ovsdb.addBridge(BRIDGE);
            List<InterfaceRow> rows = new ArrayList<>();
            for (int i = 0; i < local.size(); i++) {
                rows.add(InterfaceRow.endpoint(local.get(i).interfaceName(), local.get(i).endpointID(), i + 1));
            }
            ovsdb.addInterfaces(BRIDGE, rows);
            // as netplugin does in VXLAN mode: one tunnel port per other node
            List<String> tunnels = new ArrayList<>();
            for (String host : cluster.hosts()) {
                if (!host.equals(NODE)) {
                    String vtep = cluster.vtepAddress(host);
                    String port = "vxif" + vtep.replace(".", "");
                    tunnels.addAll(List.of("--", "add-port", BRIDGE, port, "--", "set", "interface", port,
                            "type=vxlan", "options:remote_ip=" + vtep));
                }
            }
            ovsdb.vsctl(tunnels.toArray(String[]::new));

            ClusterScaleFigures.Node node = nodeExporter(cluster, local, etcd, etcdRelay, netmaster, netmasterRelay,
                    ovsdb);
            ClusterScaleFigures.NetmasterMode mode = netmasterMode(netmaster, netmasterRelay);
            return new ClusterScaleFigures(ENDPOINTS, HOSTS, local.size(), cluster.dataNetworks().size(),
                    stateBytes, directoryBytes, node, mode);
        }
    }

    private ClusterScaleFigures.Node nodeExporter(SimulatedCluster cluster, List<Endpoint> local, RealEtcd etcd,
                                                  CountingRelay etcdRelay, NetmasterStandIn netmaster,
                                                  CountingRelay netmasterRelay, RealOvsdbServer ovsdb)
            throws Exception {
        etcdRelay.resetCounts();
        netmasterRelay.resetCounts();
        netmaster.resetRequestCounts();
        String loadBefore = MachineInfo.loadAverage();
        try (ExporterJvm jvm = ExporterJvm.start(options.jar(), jvmOptions(), List.of("--mode", "netplugin",
                        "--etcd", etcdRelay.endpoint(), "--ovsdb", ovsdb.tcpAddress(), "--node.name", NODE),
                FreePorts.loopbackPort(), options.workDirectory().resolve("exporter-cluster-node.log"))) {
            MetricsScraper scraper = new MetricsScraper(jvm.port(), MetricsScraper.Flavour.PLAIN_TEXT);
            double startMillis = awaitScrape(jvm, scraper, body -> labelled(body) == local.size(),
                    jvm.startedNanos(), START_LIMIT);
            long startBytes = etcdRelay.bytesFromTarget();
            long startRequests = etcdRelay.connections();
            LOG.info("cluster scale: {} endpoints labelled {} ms after start, {} bytes read from etcd",
                    local.size(), startMillis, startBytes);
            int peers = HOSTS - 1;
            double tunnelsNamedMillis = awaitScrape(jvm, scraper, body -> namedTunnels(body) == peers,
                    jvm.startedNanos(), START_LIMIT);
            long tunnelsNamedBytes = etcdRelay.bytesFromTarget();
            LOG.info("cluster scale: {} tunnels' remote hosts named {} ms after start, {} bytes read from etcd by then",
                    peers, tunnelsNamedMillis, tunnelsNamedBytes);
            // nothing changes, Prometheus scrapes every 5 s: what the exporter costs by itself
            Duration idleCpu = jvm.cpuTime();
            long idleStarted = System.nanoTime();
            scrapeEvery(scraper, PROMETHEUS_INTERVAL, IDLE);
            double idleShare = jvm.cpuTime().minus(idleCpu).toNanos() / (double) (System.nanoTime() - idleStarted);

            // rewrites elsewhere in the cluster, as Prometheus scrapes every 5 s; measured after a warm-up
            long bytesBefore;
            Duration cpuBefore;
            long started;
            long rewrites;
            try (ClusterChurn churn = ClusterChurn.start(cluster, NODE,
                    new ClusterChurn.Rates(CHANGES_PER_SECOND, 0), etcdStore(etcd), noSwitch(), 42)) {
                scrapeEvery(scraper, PROMETHEUS_INTERVAL, WARM_UP);
                long rewritesBefore = churn.rewrites();
                bytesBefore = etcdRelay.bytesFromTarget();
                cpuBefore = jvm.cpuTime();
                started = System.nanoTime();
                scrapeEvery(scraper, PROMETHEUS_INTERVAL, churnDuration);
                rewrites = churn.rewrites() - rewritesBefore;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuShare = jvm.cpuTime().minus(cpuBefore).toNanos() / 1e9 / seconds;
            long churnBytes = etcdRelay.bytesFromTarget() - bytesBefore;
            LOG.info("cluster scale: {} rewrites in {} s: exporter CPU {} of a core, {} bytes from etcd", rewrites,
                    seconds, cpuShare, churnBytes);

            List<Double> renames = new ArrayList<>();
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                Endpoint renamed = rename(local.get(i), "renamed-" + i);
                long put = System.nanoTime();
                etcd.putV2(ClusterInEtcd.key(renamed), EndpointStateJson.render(renamed));
                String shown = "container=\"" + renamed.containerName() + "\"";
                renames.add(awaitScrape(jvm, scraper, body -> body.contains(shown), put, Duration.ofSeconds(30)));
            }
            List<Double> creations = new ArrayList<>();
            List<Double> deletions = new ArrayList<>();
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                Endpoint created = cluster.createdEndpoint(NODE, i);
                etcd.putV2(ClusterInEtcd.key(created), EndpointStateJson.render(created));
                long added = System.nanoTime();
                ovsdb.addInterfaces(BRIDGE, List.of(InterfaceRow.endpoint(created.interfaceName(),
                        created.endpointID(), 1_000 + i)));
                creations.add(awaitScrape(jvm, scraper, body -> body.contains("container=\""
                        + created.containerName() + "\""), added, Duration.ofSeconds(30)));
                long removed = System.nanoTime();
                ovsdb.deleteInterface(created.interfaceName());
                etcd.deleteV2(ClusterInEtcd.key(created));
                deletions.add(awaitScrape(jvm, scraper, body -> !body.contains("interface=\""
                        + created.interfaceName() + "\""), removed, Duration.ofSeconds(30)));
            }
            LOG.info("cluster scale: renames {} ms, creations {} ms, deletions {} ms", renames, creations, deletions);

            ExporterJvm.Heap heap = jvm.heapAfterFullGc();
            double minutes = (System.nanoTime() - jvm.startedNanos()) / 60e9;
            return new ClusterScaleFigures.Node(loadBefore, MachineInfo.loadAverage(), startMillis, startBytes,
                    startRequests, peers, tunnelsNamedMillis, tunnelsNamedBytes, idleShare, rewrites, seconds, cpuShare, churnBytes, renames, creations, deletions, heap,
                    netmasterRelay.bytesFromTarget(), netmaster.totalRequests(), minutes, jvm.warnings(10));
        }
    }

    private ClusterScaleFigures.NetmasterMode netmasterMode(NetmasterStandIn netmaster, CountingRelay relay)
            throws Exception {
        relay.resetCounts();
        netmaster.resetRequestCounts();
        String loadBefore = MachineInfo.loadAverage();
        try (ExporterJvm jvm = ExporterJvm.start(options.jar(), jvmOptions(), List.of("--mode", "netmaster",
                        "--netmaster", "127.0.0.1:" + relay.port()), FreePorts.loopbackPort(),
                options.workDirectory().resolve("exporter-cluster-netmaster.log"))) {
            MetricsScraper scraper = new MetricsScraper(jvm.port(), MetricsScraper.Flavour.PLAIN_TEXT);
            double countedMillis = awaitScrape(jvm, scraper, body -> endpointsCounted(body) == ENDPOINTS,
                    jvm.startedNanos(), START_LIMIT);
            LOG.info("cluster scale: netmaster mode counted {} endpoints {} ms after start", ENDPOINTS, countedMillis);
            long rounds = netmaster.requestCount("/api/v1/networks/");
            long bytes = relay.bytesFromTarget();
            Duration cpu = jvm.cpuTime();
            long started = System.nanoTime();
            scrapeEvery(scraper, PROMETHEUS_INTERVAL, netmasterModeDuration);
            double seconds = (System.nanoTime() - started) / 1e9;
            long roundsDuring = netmaster.requestCount("/api/v1/networks/") - rounds;
            double cpuSeconds = jvm.cpuTime().minus(cpu).toNanos() / 1e9;
            long bytesDuring = relay.bytesFromTarget() - bytes;
            HttpResponse<String> last = fetch(jvm);
            boolean counted = last.statusCode() == 200 && endpointsCounted(last.body()) == ENDPOINTS;
            ExporterJvm.Heap heap = jvm.heapAfterFullGc();
            return new ClusterScaleFigures.NetmasterMode(loadBefore, MachineInfo.loadAverage(), countedMillis,
                    roundsDuring, seconds, cpuSeconds, bytesDuring, heap, jvm.isAlive() && counted,
                    jvm.warnings(10));
        }
    }

    /** The sidecar's JVM settings, then any given to the bench. */
    private List<String> jvmOptions() {
        List<String> jvmOptions = new ArrayList<>(SIDECAR_JVM);
        jvmOptions.addAll(options.exporterJvmOptions());
        return jvmOptions;
    }

    /** Scrapes from {@code sinceNanos} until the body satisfies {@code done}; the milliseconds it took. */
    private static double awaitScrape(ExporterJvm jvm, MetricsScraper scraper, Predicate<String> done,
                                      long sinceNanos, Duration limit) throws Exception {
        long deadline = sinceNanos + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the exporter exited:\n" + jvm.logTail());
            }
            try {
                HttpResponse<String> response = fetch(jvm);
                last = response.body();
                if (response.statusCode() == 200 && done.test(last)) {
                    return (System.nanoTime() - sinceNanos) / 1e6;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("not done within " + limit + "; last scrape had " + labelled(last)
                + " labelled endpoints:\n" + jvm.logTail());
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One scrape of the exposition, its body decoded (the scrapes that stand for Prometheus use MetricsScraper). */
    private static HttpResponse<String> fetch(ExporterJvm jvm) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jvm.port() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void scrapeEvery(MetricsScraper scraper, Duration interval, Duration total) throws Exception {
        long end = System.nanoTime() + total.toNanos();
        for (long next = System.nanoTime(); next < end; next += interval.toNanos()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            scraper.scrape();
        }
        long left = end - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Tunnels labelled with the host at their other end. */
    private static long namedTunnels(String body) {
        return body.lines().filter(line -> line.startsWith("contiv_tunnel_link_up{")
                && !line.contains("remote_host=\"\"")).count();
    }

    /** Endpoints with their netmaster labels (container names start with "pod-" or "renamed-"). */
    private static long labelled(String body) {
        return body.lines().filter(line -> line.startsWith("contiv_endpoint_info{")
                && !line.contains("container=\"\"")).count();
    }

    private static long endpointsCounted(String body) {
        Map<String, Double> samples = ExpositionText.samples(body);
        return Math.round(samples.entrySet().stream().filter(e -> e.getKey().startsWith("contiv_endpoints{"))
                .mapToDouble(Map.Entry::getValue).sum());
    }

    /** The bytes of a full recursive read of the endpoint directory: what a node read before, on every change. */
    private static long directoryBytes(RealEtcd etcd) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(etcd.endpoint() + "/v2/keys/contiv.io/state/eps?recursive=true"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.body().length;
    }

    private static Endpoint rename(Endpoint e, String container) {
        return new Endpoint(e.endpointID(), e.containerID(), container, e.tenantName(), e.networkName(),
                e.homingHost(), e.ipAddress(), e.macAddress(), e.vtepIP(), e.interfaceName(), e.group());
    }

    private static ClusterChurn.StateStore etcdStore(RealEtcd etcd) {
        return new ClusterChurn.StateStore() {
            @Override
            public void put(Endpoint endpoint) {
                etcd.putV2(ClusterInEtcd.key(endpoint), EndpointStateJson.render(endpoint));
            }

            @Override
            public void delete(Endpoint endpoint) {
                etcd.deleteV2(ClusterInEtcd.key(endpoint));
            }
        };
    }

    private static ClusterChurn.LocalSwitch noSwitch() {
        return new ClusterChurn.LocalSwitch() {
            @Override
            public void add(Endpoint endpoint) {
                throw new UnsupportedOperationException("no local changes in this phase");
            }

            @Override
            public void remove(Endpoint endpoint) {
                throw new UnsupportedOperationException("no local changes in this phase");
            }
        };
    }
}
