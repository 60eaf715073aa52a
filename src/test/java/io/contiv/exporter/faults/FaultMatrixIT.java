package io.contiv.exporter.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault matrix: every fault of netmaster, etcd and OVSDB, each a test. The groups (one exporter each)
 * run side by side on their own threads, so the matrix takes as long as its longest group; each test waits for the
 * outcome of its phase. The table of what was measured is printed at the end (FAULT-MATRIX lines in the test output).
 */
class FaultMatrixIT {

    private static final long GROUP_TIMEOUT_SECONDS = 180;

    @TestFactory
    List<DynamicNode> faultMatrix() {
        List<FaultGroup> groups = List.of(new NetmasterFaults(), new EtcdFaults(), new EtcdWatchFaults(),
                new RealOvsdbFaults(), new OvsdbReplyFaults());
        List<DynamicNode> nodes = new ArrayList<>();
        List<CompletableFuture<FaultPhase.Result>> all = new ArrayList<>();
        for (FaultGroup group : groups) {
            List<FaultGroup.Phase> phases = group.phases();
            List<CompletableFuture<FaultPhase.Result>> outcomes = new ArrayList<>();
            phases.forEach(p -> outcomes.add(new CompletableFuture<>()));
            all.addAll(outcomes);
            Thread runner = new Thread(() -> run(group, phases, outcomes), "faults " + group.name());
            runner.setDaemon(true);
            runner.start();
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < phases.size(); i++) {
                CompletableFuture<FaultPhase.Result> outcome = outcomes.get(i);
                tests.add(DynamicTest.dynamicTest(phases.get(i).name(), () -> await(outcome)));
            }
            nodes.add(DynamicContainer.dynamicContainer(group.name(), tests));
        }
        nodes.add(DynamicTest.dynamicTest("matrix", () -> {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((ok, failed) -> null)
                    .get(GROUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            System.out.println("FAULT-MATRIX-TABLE | fault | max scrape latency | up while faulty | log lines "
                    + "| noticed after | recovered after |");
            for (CompletableFuture<FaultPhase.Result> outcome : all) {
                if (!outcome.isCompletedExceptionally()) {
                    System.out.println("FAULT-MATRIX-TABLE " + outcome.get().row());
                }
            }
        }));
        return nodes;
    }

    private static void run(FaultGroup group, List<FaultGroup.Phase> phases,
                            List<CompletableFuture<FaultPhase.Result>> outcomes) {
        try (group) {
            group.start();
            for (int i = 0; i < phases.size(); i++) {
                try {
                    outcomes.get(i).complete(phases.get(i).run().get());
                } catch (Throwable failure) {
                    outcomes.get(i).completeExceptionally(failure);
                }
            }
        } catch (Throwable startFailure) {
            // a group that could not start (or was skipped) takes its phases with it
            outcomes.forEach(o -> o.completeExceptionally(startFailure));
        }
    }

    private static void await(CompletableFuture<FaultPhase.Result> outcome) throws Throwable {
        try {
            outcome.get(GROUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
