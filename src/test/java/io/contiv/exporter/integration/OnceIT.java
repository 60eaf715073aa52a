package io.contiv.exporter.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.SimulatedNode;
import io.contiv.exporter.simulation.ovsdb.SimulatedInterface;
import io.contiv.exporter.support.ExporterCommand;
import io.contiv.exporter.support.ExpositionText;
import io.contiv.exporter.testing.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code once} as a user runs it: cold JVMs of their own, several started together, against the demo's simulated
 * sources. Its exit status must follow what it printed: 0 only when every source is up and the endpoints are
 * labelled, otherwise non-zero with one line on stderr per reason.
 */
class OnceIT {

    private static final String NODE = "node1";
    private static final ClusterSpec SPEC = ClusterSpec.defaults().withSeed(3).withTenants(2)
            .withNetworksPerTenant(2).withGroupsPerNetwork(2).withEndpointsPerNode(12).withNodes(3);
    /**
     * Generous, so that cold JVMs started together on a busy machine finish their first reads: what is tested is
     * that once waits for them, whatever a slice of the scrape timeout would have been.
     */
    private static final List<String> PATIENT = List.of("--source.timeout", "30s", "--timeout", "60s");

    private final SimulatedNode node = SimulatedNode.start(SPEC, NODE, null);
    private final ExecutorService starter = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        starter.shutdownNow();
        node.close();
    }

    @Test
    void onesStartedTogetherWaitForTheirFirstReadsAndSucceed() {
        List<CompletableFuture<CommandResult>> netplugin = new ArrayList<>();
        List<CompletableFuture<CommandResult>> netmaster = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            netplugin.add(start(() -> once(netpluginArgs(PATIENT))));
        }
        for (int i = 0; i < 4; i++) {
            netmaster.add(start(() -> once(List.of("--mode", "netmaster", "--etcd", node.etcdEndpoint(),
                    "--source.timeout", "30s", "--timeout", "60s"))));
        }
        for (CompletableFuture<CommandResult> run : netplugin) {
            CommandResult result = run.join();
            assertTruthful(result);
            assertThat(result.exitCode()).as("netplugin once: %s", result.stderr()).isZero();
            assertThat(count(result.stdout(), "contiv_endpoint_info")).isEqualTo(12);
            assertThat(ExpositionText.samples(result.stdout())).containsEntry("contiv_orphan_interfaces", 0.0);
        }
        for (CompletableFuture<CommandResult> run : netmaster) {
            CommandResult result = run.join();
            assertTruthful(result);
            assertThat(result.exitCode()).as("netmaster once: %s", result.stderr()).isZero();
            assertThat(ExpositionText.samples(result.stdout())).containsEntry("contiv_tenants", 2.0)
                    .containsEntry("contiv_host_endpoints{host=\"node3\"}", 12.0);
        }
    }

    @Test
    void aDeadNetmasterFailsEveryRunStartedTogetherAndSaysWhy() {
        node.netmaster().stop();
        // with etcd given, the endpoint metadata is read there and netmaster is never asked: asked for here
        List<String> fromNetmaster = new ArrayList<>(List.of("--metadata-source", "netmaster"));
        fromNetmaster.addAll(PATIENT);
        List<CompletableFuture<CommandResult>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(start(() -> once(netpluginArgs(fromNetmaster))));
        }
        for (CompletableFuture<CommandResult> run : runs) {
            CommandResult result = run.join();
            assertTruthful(result);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(up(result, "netmaster")).isZero();
            assertThat(up(result, "etcd")).isEqualTo(1.0);
            assertThat(up(result, "ovsdb")).isEqualTo(1.0);
            assertThat(count(result.stdout(), "contiv_endpoint_info")).isZero();
            assertThat(problems(result)).singleElement().asString()
                    .startsWith("contiv-exporter: netmaster: ").contains(node.netmaster().hostPort());
        }
    }

    @Test
    void aFirstReadThatDoesNotFinishInTimeIsAFailureWithAReason() {
        node.netmaster().faults().delayResponses(Duration.ofSeconds(60));
        CommandResult result = once(List.of("--netmaster", node.netmaster().hostPort(), "--ovsdb",
                node.ovsdbAddress(), "--no-collector.policy", "--source.timeout", "90s", "--timeout", "5s"));

        assertTruthful(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(up(result, "netmaster")).isZero();
        assertThat(count(result.stdout(), "contiv_endpoint_info")).isZero();
        assertThat(problems(result)).contains("contiv-exporter: netmaster: no answer: the first read did not "
                + "finish within 5s (once --timeout)");
    }

    @Test
    void endpointsInOvsThatNetmasterDoesNotKnowAreAFailure() {
        node.ovsdb().database().addInterface(SimulatedInterface.endpoint("vport-stray",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 99, SPEC.seed()));
        CommandResult result = once(netpluginArgs(PATIENT));

        assertTruthful(result);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(count(result.stdout(), "contiv_endpoint_info")).isEqualTo(12);
        assertThat(ExpositionText.samples(result.stdout())).containsEntry("contiv_orphan_interfaces", 1.0);
        assertThat(problems(result)).containsExactly("contiv-exporter: 1 interfaces in OVS carry an endpoint ID "
                + "the endpoint directory does not know, so their traffic is not served: vport-stray (endpoint "
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef)");
    }

    @Test
    void aValueFromTheEnvironmentIsNamedWithItsVariable() {
        CommandResult result = ExporterCommand.run(Map.of("EXPORTER_MODE", "Netplug", "CONTIV_NETMASTER", "nm"),
                "once");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().lines()).containsExactlyInAnyOrder(
                "contiv-exporter: --mode Netplug (from EXPORTER_MODE): must be netplugin or netmaster",
                "contiv-exporter: --netmaster nm (from CONTIV_NETMASTER): not HOST:PORT: the port is needed, "
                        + "e.g. 10.0.0.5:9999",
                "contiv-exporter: see 'contiv-exporter once --help'");
        assertThat(result.stdout()).isEmpty();
    }

    private List<String> netpluginArgs(List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--etcd", node.etcdEndpoint(), "--ovsdb", node.ovsdbAddress(),
                "--node.name", NODE, "--no-collector.policy"));
        args.addAll(extra);
        return args;
    }

    private CompletableFuture<CommandResult> start(Supplier<CommandResult> run) {
        return CompletableFuture.supplyAsync(run, starter);
    }

    private static CommandResult once(List<String> args) {
        List<String> command = new ArrayList<>(List.of("once"));
        command.addAll(args);
        return ExporterCommand.run(command.toArray(String[]::new));
    }

    /**
     * What once printed and its exit status agree: 0 exactly when every source printed is up; each source printed
     * down has its reason on stderr; and stderr holds no reason when the exit status is 0.
     */
    private static void assertTruthful(CommandResult result) {
        Map<String, Double> samples = ExpositionText.samples(result.stdout());
        List<String> down = samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith("contiv_exporter_source_up{") && e.getValue() == 0.0)
                .map(e -> e.getKey().replaceAll(".*source=\"([^\"]+)\".*", "$1")).toList();
        assertThat(samples.keySet()).as("health printed: %s", result.stderr())
                .anyMatch(k -> k.startsWith("contiv_exporter_source_up{"));
        if (result.exitCode() == 0) {
            assertThat(down).as("exit 0, yet printed down: %s", result.stdout()).isEmpty();
            assertThat(problems(result)).isEmpty();
        } else {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(problems(result)).as("exit %d with no reason", result.exitCode()).isNotEmpty();
        }
        for (String source : down) {
            assertThat(problems(result)).as("reason for %s", source)
                    .anyMatch(line -> line.startsWith("contiv-exporter: " + source + ": "));
        }
    }

    private static List<String> problems(CommandResult result) {
        return result.stderr().lines().filter(line -> line.startsWith("contiv-exporter: ")).toList();
    }

    private static double up(CommandResult result, String source) {
        return ExpositionText.samples(result.stdout())
                .getOrDefault("contiv_exporter_source_up{source=\"" + source + "\"}", Double.NaN);
    }

    private static long count(String exposition, String metric) {
        return ExpositionText.samples(exposition).keySet().stream().filter(k -> k.startsWith(metric + "{")).count();
    }
}
