package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.etcd.DirectoryScan;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.etcd.EndpointStateJson;
import io.contiv.exporter.support.ClusterInEtcd;
import io.contiv.exporter.support.QuietHealth;
import io.contiv.exporter.testing.CountingRelay;
import io.contiv.exporter.testing.RealEtcd;
import io.contiv.exporter.testing.Requirements;
import io.contiv.exporter.tunnel.EtcdVtepHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint directory read from a real etcd holding a cluster far larger than the node (200 endpoints on 40
 * nodes, 5 of them on this one), through a relay that counts what etcd sends: the node's endpoints are looked up, a
 * local rename and a local delete are seen, the rest of the cluster's changes are not, and a watch cut off while etcd
 * moved on by more than its event history catches up by reading this node's keys only.
 */
class EtcdEndpointDirectoryIT {

    private static final String NODE = "node1";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** How long an endpoint settles here: a deleted state labels its interface, an absent interface is not missing. */
    private static final Duration SETTLING = Duration.ofSeconds(1);

    private final SimulatedCluster cluster = SimulatedCluster.generate(ClusterSpec.defaults().withNodes(40)
            .withEndpointsPerNode(5));
    private final List<Endpoint> local = cluster.endpointsOnHost(NODE);
    private final Endpoint elsewhere = cluster.endpointsOnHost("node7").get(0);
    private RealEtcd etcd;
    private CountingRelay relay;
    private ScheduledThreadPoolExecutor scheduler;
    private EtcdDirectoryWatch watch;
    private EtcdEndpointDirectory directory;
    private long directoryBytes;

    @BeforeEach
    void startEtcdWithTheCluster() throws Exception {
        Requirements.fromEnvironment().requireBinaries(RealEtcd.REQUIRED_BINARIES);
        etcd = RealEtcd.start();
        directoryBytes = ClusterInEtcd.write(etcd, cluster, 4);
        relay = CountingRelay.start(etcd.clientPort());
        scheduler = new ScheduledThreadPoolExecutor(1);
    }

    @AfterEach
    void stopEverything() {
        if (watch != null) {
            watch.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (relay != null) {
            relay.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private void startDirectory() {
        startDirectory(null);
    }

    /** With {@code vteps}, as with the tunnels collector on: VTEP owners learned from the same watch. */
    private void startDirectory(EtcdVtepHosts vteps) {
        directory = new EtcdEndpointDirectory(NODE, Duration.ofSeconds(3), scheduler, SETTLING);
        watch = new EtcdDirectoryWatch(List.of(URI.create(relay.endpoint())), HttpClient.newHttpClient(),
                Duration.ofSeconds(2), EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY,
                vteps == null ? directory : vteps.learningFrom(directory), QuietHealth.reporter(),
                Duration.ofSeconds(30));
        directory.wakeWith(watch::wake);
        watch.start();
    }

    @Test
    void theNodesEndpointsAreLookedUpAndALocalRenameAndDeleteAreSeenButNotTheRestOfTheCluster() throws Exception {
        startDirectory();
        directory.localEndpoints(ids(local.subList(0, 4)));
        assertThat(containers()).as("labelled as soon as the lookup of the new IDs returns")
                .isEqualTo(names(local.subList(0, 4)));
        assertThat(relay.bytesFromTarget()).as("read from etcd to start, out of a directory of %d bytes",
                directoryBytes).isLessThan(directoryBytes / 4);

        Endpoint renamed = rename(local.get(0), "renamed-pod");
        etcd.putV2(ClusterInEtcd.key(renamed), EndpointStateJson.render(renamed));
        await(d -> d.find(renamed.endpointID()).map(m -> m.container().equals("renamed-pod")).orElse(false));

        long version = directory.version();
        for (int i = 0; i < 20; i++) {
            etcd.putV2(ClusterInEtcd.key(elsewhere), EndpointStateJson.render(rename(elsewhere, "elsewhere-" + i)));
        }
        Endpoint marker = rename(local.get(2), "after-the-others");
        etcd.putV2(ClusterInEtcd.key(marker), EndpointStateJson.render(marker));
        await(d -> d.find(marker.endpointID()).map(m -> m.container().equals("after-the-others")).orElse(false));
        assertThat(directory.version()).as("the rest of the cluster's changes did not touch the directory")
                .isEqualTo(version + 1);
        assertThat(directory.current().orElseThrow().find(elsewhere.endpointID())).isEmpty();

        etcd.deleteV2(ClusterInEtcd.key(local.get(1)));
        assertThat(directory.current().orElseThrow().find(local.get(1).endpointID()))
                .as("a deleted state still labels the interface OVS shows, while it settles").isPresent();
        await(d -> d.find(local.get(1).endpointID()).isEmpty());

        directory.localEndpoints(ids(local));
        assertThat(directory.current().orElseThrow().find(local.get(4).endpointID()))
                .as("an endpoint that appears in OVS later is looked up at once")
                .hasValueSatisfying(m -> assertThat(m.container()).isEqualTo(local.get(4).containerName()));
        directory.localEndpoints(ids(local.subList(2, 5)));
        // an endpoint homed here that left OVS stays, to be reported missing once settled, until its state goes
        await(d -> d.find(local.get(0).endpointID()).isPresent());
        etcd.deleteV2(ClusterInEtcd.key(local.get(0)));
        await(d -> d.find(local.get(0).endpointID()).isEmpty());
    }

    @Test
    void theHostsOfTheNodesTunnelsAreNamedByAPartialReadThenByOtherNodesChangesWithoutEnteringTheDirectory()
            throws Exception {
        List<URI> etcdAt = List.of(URI.create(relay.endpoint()));
        DirectoryScan scan = new DirectoryScan(etcdAt, HttpClient.newHttpClient(), Duration.ofSeconds(2),
                EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY);
        AtomicLong valuesRead = new AtomicLong();
        assertThat(scan.scan(value -> valuesRead.incrementAndGet() < 10)).as("a scan stops when told").isEqualTo(10);
        assertThat(scan.scan(value -> true)).as("or at the end").isEqualTo(cluster.endpoints().size());

        EtcdVtepHosts vteps = new EtcdVtepHosts(scan, Runnable::run, Duration.ZERO);
        startDirectory(vteps);
        directory.localEndpoints(ids(local));
        assertThat(containers()).isEqualTo(names(local));
        assertThat(vteps.hostsByVtep()).as("the lookups of this node's endpoints name no host").isEmpty();
        Set<String> tunnels = Set.of(cluster.vtepAddress("node7"), cluster.vtepAddress("node9"));
        vteps.wanted(tunnels);
        assertThat(vteps.hostsByVtep()).as("named by the values read until both were")
                .containsEntry(cluster.vtepAddress("node7"), "node7")
                .containsEntry(cluster.vtepAddress("node9"), "node9");
        int named = vteps.hostsByVtep().size();
        vteps.wanted(Set.of(cluster.vtepAddress("node7"), "192.0.2.1"));
        assertThat(vteps.hostsByVtep()).as("read once: a host with no endpoint is named by the watch, if ever")
                .hasSize(named);
        long version = directory.version();

        // a node that joins: its first pod's state names it; then a host the scan did not name, if any, changes
        String joined = "net0-0.default-0123456789ab";
        etcd.putV2(EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY + "/" + joined,
                "{\"id\":\"" + joined + "\",\"homingHost\":\"node41\",\"vtepIP\":\"192.168.99.41\"}");
        Endpoint unnamed = cluster.endpoints().stream()
                .filter(e -> !vteps.hostsByVtep().containsKey(cluster.vtepAddress(e.homingHost()))).findFirst()
                .orElse(elsewhere);
        etcd.putV2(ClusterInEtcd.key(unnamed), EndpointStateJson.render(rename(unnamed, "elsewhere-again")));
        String unnamedVtep = cluster.vtepAddress(unnamed.homingHost());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!vteps.hostsByVtep().keySet().containsAll(Set.of("192.168.99.41", unnamedVtep))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(vteps.hostsByVtep()).as("other nodes' changes name their hosts")
                .containsEntry("192.168.99.41", "node41").containsEntry(unnamedVtep, unnamed.homingHost());
        assertThat(directory.version()).isEqualTo(version);
        assertThat(directory.current().orElseThrow().find(unnamed.endpointID())).isEmpty();
    }

    @Test
    void endpointsHomedHereThatOvsLacksAreKeptToBeReportedMissing() throws Exception {
        startDirectory();
        directory.localEndpoints(ids(local.subList(0, 4)));
        Endpoint created = cluster.endpointsOnHost(NODE).get(4);
        etcd.deleteV2(ClusterInEtcd.key(created));
        etcd.putV2(ClusterInEtcd.key(created), EndpointStateJson.render(created));
        await(d -> d.find(created.endpointID()).isPresent());
        assertThat(directory.current().orElseThrow().size()).isEqualTo(5);
    }

    @Test
    void aWatchCutOffWhileEtcdMovesOnCatchesUpByReadingTheNodesKeysOnly() throws Exception {
        startDirectory();
        directory.localEndpoints(ids(local));
        assertThat(containers()).isEqualTo(names(local));

        relay.cut();
        // etcd keeps the last 1,000 events; the watch misses more than that
        for (int i = 0; i < 1_100; i++) {
            etcd.putV2(ClusterInEtcd.key(elsewhere), EndpointStateJson.render(rename(elsewhere, "busy-" + i)));
        }
        Endpoint renamed = rename(local.get(2), "renamed-while-away");
        etcd.putV2(ClusterInEtcd.key(renamed), EndpointStateJson.render(renamed));
        etcd.deleteV2(ClusterInEtcd.key(local.get(3)));
        relay.resetCounts();
        relay.restore();

        await(d -> d.find(renamed.endpointID()).map(m -> m.container().equals("renamed-while-away")).orElse(false)
                && d.find(local.get(3).endpointID()).isEmpty());
        assertThat(relay.bytesFromTarget()).as("caught up without reading the directory (%d bytes)", directoryBytes)
                .isLessThan(directoryBytes / 4);
    }

    @Test
    void aNodeWithNoEndpointsHoldsNothingAndReadsNothingButTheNetworks() throws Exception {
        startDirectory();
        directory.localEndpoints(Set.of());
        await(d -> d.size() == 0);
        long start = relay.bytesFromTarget();
        for (int i = 0; i < 20; i++) {
            etcd.putV2(ClusterInEtcd.key(elsewhere), EndpointStateJson.render(rename(elsewhere, "x-" + i)));
        }
        Thread.sleep(500);
        assertThat(directory.current().orElseThrow().size()).isZero();
        assertThat(start).isLessThan(directoryBytes / 20);
    }

    private static Endpoint rename(Endpoint e, String container) {
        return new Endpoint(e.endpointID(), e.containerID(), container, e.tenantName(), e.networkName(),
                e.homingHost(), e.ipAddress(), e.macAddress(), e.vtepIP(), e.interfaceName(), e.group());
    }

    private static Set<String> ids(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::endpointID).collect(Collectors.toSet());
    }

    private static Set<String> names(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::containerName).collect(Collectors.toSet());
    }

    private Set<String> containers() {
        return directory.current().orElseThrow().all().stream().map(EndpointMetadata::container)
                .collect(Collectors.toSet());
    }

    private void await(Predicate<EndpointDirectory> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (directory.current().map(condition::test).orElse(false)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(directory.current().map(EndpointDirectory::all)).as("the directory within " + PATIENCE)
                .isEqualTo("a directory that satisfies the condition");
    }
}
