package io.contiv.exporter.join;

import io.contiv.exporter.ovsdb.OvsInterface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Matches OVS interfaces to netmaster endpoints by the {@code endpoint-id} in the interface's external IDs. */
public final class EndpointJoin {

    private EndpointJoin() {
    }

    public static JoinResult join(EndpointDirectory directory, List<OvsInterface> interfaces) {
        List<JoinedEndpoint> joined = new ArrayList<>();
        List<OvsInterface> unknown = new ArrayList<>();
        for (OvsInterface ovsInterface : interfaces) {
            Optional<String> endpointId = ovsInterface.endpointId();
            if (endpointId.isEmpty()) {
                continue;
            }
            Optional<EndpointMetadata> endpoint = directory.find(endpointId.get());
            if (endpoint.isPresent()) {
                joined.add(new JoinedEndpoint(endpoint.get(), ovsInterface));
            } else {
                unknown.add(ovsInterface);
            }
        }
        // a stable order keeps the exposition diffable between scrapes
        joined.sort(Comparator.comparing((JoinedEndpoint j) -> j.ovsInterface().name()));
        return new JoinResult(joined, unknown);
    }
}
