package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import io.contiv.exporter.simulation.ClusterChurn;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.support.QuietHealth;
import io.contiv.exporter.support.RunningExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Endpoints coming and going on a node of a simulated cluster of 2,000 endpoints on 20 nodes, while states elsewhere
 * are rewritten: a pod created here is labelled on the first scrape that shows its interface, never counted an
 * orphan while it is looked up, a deleted one is gone, and the directory keeps nothing about departed endpoints.
 */
class NodeChurnIT {

    private static final String NODE = "node1";
    private static final ClusterSpec SPEC = ClusterSpec.manyNodes(2_000, 20);

    @Test
    void createdPodsAreLabelledOnTheFirstScrapeThatShowsThemAndDeletedOnesGo() throws Exception {
        try (SimulatedNode node = SimulatedNode.start(SPEC, NODE, null);
             RunningExporter exporter = RunningExporter.start("--mode", "netplugin", "--node.name", NODE,
                     "--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress());
             ClusterChurn elsewhere = node.churn(new ClusterChurn.Rates(50, 0), 7);
             ClusterChurn churn = node.churn(new ClusterChurn.Rates(0, 0), 8)) {
            int local = node.cluster().endpointsOnHost(NODE).size();
            exporter.scrapeUntil(body -> count(body, "contiv_endpoint_info{") == local, Duration.ofSeconds(20));
            for (int i = 0; i < 12; i++) {
                churn.changeLocally();
                Set<String> live = churn.liveCreated().stream().map(Endpoint::interfaceName).collect(Collectors.toSet());
                String body;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                do {
                    body = exporter.get("/metrics").body();
                    Map<String, Double> samples = ExpositionText.samples(body);
                    assertThat(samples.getOrDefault("contiv_orphan_interfaces", 0.0))
                            .as("no interface is an orphan while its endpoint is looked up").isZero();
                } while (count(body, "contiv_endpoint_info{") != local + live.size() && System.nanoTime() < deadline);
                for (Endpoint created : churn.liveCreated()) {
                    assertThat(body).as("labelled as soon as it shows").contains("container=\""
                            + created.containerName() + "\",container_id=\"" + created.containerID() + "\"");
                }
                assertThat(count(body, "contiv_endpoint_info{")).isEqualTo(local + live.size());
            }
            assertThat(elsewhere.rewrites()).isPositive();
        }
    }

    @Test
    void theDirectoryKeepsNothingAboutEndpointsThatCameAndWent() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try (SimulatedNode node = SimulatedNode.start(SPEC, NODE, null);
             ClusterChurn churn = node.churn(new ClusterChurn.Rates(0, 0), 9)) {
            EtcdEndpointDirectory directory = new EtcdEndpointDirectory(NODE, Duration.ofSeconds(5), scheduler,
                    Duration.ofMillis(200));
            EtcdDirectoryWatch watch = new EtcdDirectoryWatch(List.of(URI.create(node.etcdEndpoint())),
                    HttpClient.newHttpClient(), Duration.ofSeconds(2), EtcdEndpointDirectory.ENDPOINT_STATE_DIRECTORY,
                    directory, QuietHealth.reporter(), Duration.ofSeconds(30));
            directory.wakeWith(watch::wake);
            try (watch) {
                watch.start();
                Set<String> base = node.cluster().endpointsOnHost(NODE).stream().map(Endpoint::endpointID)
                        .collect(Collectors.toSet());
                directory.localEndpoints(base);
                for (int i = 0; i < 200; i++) {
                    churn.changeLocally();
                    Set<String> inOvs = new HashSet<>(base);
                    churn.liveCreated().forEach(e -> inOvs.add(e.endpointID()));
                    directory.localEndpoints(inOvs);
                }
                Thread.sleep(500);
                directory.localEndpoints(new HashSet<>(base));
                assertThat(directory.current().orElseThrow().size()).isEqualTo(base.size() + churn.liveCreated()
                        .size());
                assertThat(directory.tracked()).as("after 100 endpoints came and went")
                        .isLessThanOrEqualTo(base.size() + churn.liveCreated().size() + 2);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static long count(String body, String prefix) {
        return body.lines().filter(line -> line.startsWith(prefix)).count();
    }
}
