package io.contiv.exporter.endpoint;

import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Matches OVS interfaces to netmaster endpoints by the {@code endpoint-id} in the interface's external IDs. */
public final class EndpointJoin {

    private EndpointJoin() {
    }

    /**
     * Joins by endpoint ID, and finds the endpoints the directory places on {@code localHost} that OVS lacks (none
     * when {@code localHost} is empty).
     */
    public static JoinResult join(EndpointDirectory directory, List<OvsInterface> interfaces, String localHost) {
        List<JoinedEndpoint> joined = new ArrayList<>();
        List<OvsInterface> unknown = new ArrayList<>();
        Set<String> inOvs = new HashSet<>();
        for (OvsInterface ovsInterface : interfaces) {
            Optional<String> endpointId = ovsInterface.endpointId();
            if (endpointId.isEmpty()) {
                continue;
            }
            inOvs.add(endpointId.get());
            Optional<EndpointMetadata> endpoint = directory.find(endpointId.get());
            if (endpoint.isPresent()) {
                joined.add(new JoinedEndpoint(endpoint.get(), ovsInterface));
            } else {
                unknown.add(ovsInterface);
            }
        }
        // a stable order keeps the exposition diffable between scrapes
        joined.sort(Comparator.comparing((JoinedEndpoint j) -> j.ovsInterface().name()));
        List<EndpointMetadata> missing = localHost.isEmpty() ? List.of() : directory.all().stream()
                .filter(e -> e.host().equals(localHost) && !inOvs.contains(e.endpointId()))
                .sorted(Comparator.comparing(EndpointMetadata::endpointId))
                .toList();
        return new JoinResult(joined, unknown, missing);
    }
}
