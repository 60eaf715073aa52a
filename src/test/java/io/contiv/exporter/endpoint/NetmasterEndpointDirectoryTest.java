package io.contiv.exporter.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.inventory.NetmasterLeader;
import io.contiv.exporter.netmaster.NetmasterClient;
import io.contiv.exporter.netmaster.NetmasterJson;
import io.contiv.exporter.netmaster.NetmasterLocator;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.support.HealthValues;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Netmaster asked about each endpoint this node lacks, once, and nothing else (its stand-in serves the cluster). */
class NetmasterEndpointDirectoryTest {

    private static final SimulatedCluster CLUSTER = SimulatedCluster.generate(ClusterSpec.defaults().withNodes(10)
            .withEndpointsPerNode(4));
    private static final List<Endpoint> LOCAL = CLUSTER.endpointsOnHost("node1");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final HealthCollector health = new HealthCollector(Clock.systemUTC(), EnumSet.of(Source.NETMASTER));
    private final NetmasterStandIn netmaster = NetmasterStandIn.serving(CLUSTER);
    private final NetmasterEndpointDirectory directory = new NetmasterEndpointDirectory(
            new NetmasterLeader(NetmasterLocator.fixed(netmaster.hostPort()), Optional.empty()),
            new NetmasterClient(HttpClient.newHttpClient(), new NetmasterJson(), Duration.ofSeconds(2)),
            health.reporter(Source.NETMASTER), scheduler, Duration.ofSeconds(3));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        netmaster.close();
    }

    @Test
    void asksAboutEachNewEndpointOnceAndNothingElse() {
        directory.localEndpoints(ids(LOCAL.subList(0, 3)));
        EndpointDirectory known = directory.current().orElseThrow();
        assertThat(known.all()).extracting(EndpointMetadata::container)
                .containsExactlyInAnyOrderElementsOf(LOCAL.subList(0, 3).stream().map(Endpoint::containerName)
                        .toList());
        EndpointMetadata first = known.find(LOCAL.get(0).endpointID()).orElseThrow();
        assertThat(first.tenant()).isEqualTo(LOCAL.get(0).tenantName());
        assertThat(first.network()).isEqualTo(LOCAL.get(0).networkName());
        assertThat(netmaster.totalRequests()).isEqualTo(3);

        directory.localEndpoints(ids(LOCAL));
        assertThat(directory.current().orElseThrow().find(LOCAL.get(3).endpointID())).isPresent();
        directory.localEndpoints(ids(LOCAL.subList(1, 4)));
        directory.localEndpoints(ids(LOCAL.subList(1, 4)));
        assertThat(netmaster.totalRequests()).as("only the new one was asked about").isEqualTo(4);
        assertThat(netmaster.requestCounts().keySet()).allMatch(path -> path.startsWith("/api/v1/inspect/endpoints/"));
        assertThat(HealthValues.isUp(health, Source.NETMASTER)).isTrue();
    }

    @Test
    void anEndpointNetmasterDoesNotKnowIsAnOrphanAndAFailingNetmasterIsReported() {
        directory.localEndpoints(Set.of("f".repeat(64)));
        assertThat(directory.current().orElseThrow().size()).isZero();
        assertThat(HealthValues.isUp(health, Source.NETMASTER)).as("not found is an answer").isTrue();

        netmaster.faults().answerServerError(true);
        directory.localEndpoints(ids(LOCAL.subList(0, 1)));
        assertThat(HealthValues.isUp(health, Source.NETMASTER)).isFalse();
        assertThat(directory.current().orElseThrow().size()).isZero();
    }

    private static Set<String> ids(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::endpointID).collect(Collectors.toSet());
    }
}
