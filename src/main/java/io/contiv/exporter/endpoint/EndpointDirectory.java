package io.contiv.exporter.endpoint;

import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetworkInspect;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Netmaster's endpoints indexed by endpoint ID, the key that OVS stores in {@code external_ids}. */
public final class EndpointDirectory {

    public static final EndpointDirectory EMPTY = new EndpointDirectory(Map.of());

    private final Map<String, EndpointMetadata> byId;

    private EndpointDirectory(Map<String, EndpointMetadata> byId) {
        this.byId = byId;
    }

    public static EndpointDirectory of(Collection<EndpointMetadata> endpoints) {
        Map<String, EndpointMetadata> byId = new HashMap<>();
        for (EndpointMetadata endpoint : endpoints) {
            byId.putIfAbsent(endpoint.endpointId(), endpoint);
        }
        return new EndpointDirectory(Map.copyOf(byId));
    }

    /** Tenant and network come from the inspected network's Config, as the original exporter took them. */
    public static EndpointDirectory fromInspects(List<NetworkInspect> inspects) {
        Map<String, EndpointMetadata> byId = new HashMap<>();
        for (NetworkInspect inspect : inspects) {
            Network config = inspect.config();
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                if (endpoint.endpointId() == null || endpoint.endpointId().isEmpty()) {
                    continue;
                }
                byId.putIfAbsent(endpoint.endpointId(), new EndpointMetadata(
                        endpoint.endpointId(),
                        orEmpty(config.tenantName()),
                        orEmpty(config.networkName()),
                        orEmpty(endpoint.serviceName()),
                        orEmpty(endpoint.containerName()),
                        orEmpty(endpoint.containerId()),
                        orEmpty(endpoint.homingHost()),
                        endpoint.ipAddress().stream().filter(a -> !a.isEmpty()).toList(),
                        orEmpty(endpoint.macAddress())));
            }
        }
        return new EndpointDirectory(Map.copyOf(byId));
    }

    public Optional<EndpointMetadata> find(String endpointId) {
        return Optional.ofNullable(byId.get(endpointId));
    }

    public Collection<EndpointMetadata> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
