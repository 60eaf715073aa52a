package io.contiv.exporter.app;

import io.contiv.exporter.endpoint.JoinResult;
import io.contiv.exporter.health.HealthCollector;
import io.contiv.exporter.health.Source;
import io.contiv.exporter.ovsdb.OvsInterface;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code once} collected, and what is wrong with it: a source whose last read failed or that was never read,
 * or interfaces OVS holds for endpoints the directory does not know (their traffic is not served). The problems
 * are worked out from the very publications that were printed, so the exit status follows what was printed.
 *
 * @param snapshots what to print
 * @param problems  one line each for stderr; empty when everything was read and every endpoint labelled
 */
public record Collected(MetricSnapshots snapshots, List<String> problems) {

    private static final int NAMED = 5;

    public Collected {
        problems = List.copyOf(problems);
    }

    /**
     * @param health     every source as the printed health families show it
     * @param unfinished the sources whose first read had not finished by the deadline
     * @param join       netplugin mode's join behind the printed endpoint families, when it could be made
     * @param deadline   how long once waited for the first reads
     */
    static Collected of(MetricSnapshots snapshots, List<HealthCollector.Status> health, List<String> unfinished,
                        Optional<JoinResult> join, Duration deadline) {
        List<String> problems = new ArrayList<>();
        for (HealthCollector.Status status : health) {
            if (status.up()) {
                continue;
            }
            String reason;
            if (status.read()) {
                reason = status.lastError();
            } else if (!unfinished.isEmpty()) {
                reason = "no answer: the first read did not finish within " + DurationConverter.format(deadline)
                        + " (once --timeout)";
            } else if (status.source() == Source.NETMASTER) {
                reason = "not read: etcd did not say where netmaster is";
            } else {
                reason = "not read";
            }
            problems.add(status.source().label() + ": " + reason);
        }
        join.map(JoinResult::unknownEndpointInterfaces).filter(unknown -> !unknown.isEmpty())
                .ifPresent(unknown -> problems.add(unknown.size() + " interfaces in OVS carry an endpoint ID the "
                        + "endpoint directory does not know, so their traffic is not served: " + named(unknown)));
        return new Collected(snapshots, problems);
    }

    private static String named(List<OvsInterface> interfaces) {
        return interfaces.stream().limit(NAMED)
                .map(i -> i.name() + " (endpoint " + i.endpointId().orElse("?") + ")")
                .collect(Collectors.joining(", ")) + (interfaces.size() > NAMED ? ", ..." : "");
    }
}
