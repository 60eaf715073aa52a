package io.contiv.exporter.simulation.etcd;

import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import java.util.List;
import java.util.OptionalInt;

/** The endpoints of a cluster as the children of {@code /contiv.io/state/eps}, named by their state ID. */
final class EndpointStateEntries implements GeneratedEntries {

    private final SimulatedCluster cluster;
    private final List<Endpoint> endpoints;

    EndpointStateEntries(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.endpoints = cluster.endpoints();
    }

    @Override
    public int size() {
        return endpoints.size();
    }

    @Override
    public String name(int position) {
        return endpoints.get(position).key();
    }

    @Override
    public String value(int position) {
        return EndpointStateJson.render(endpoints.get(position));
    }

    @Override
    public OptionalInt positionOf(String name) {
        return cluster.endpointByKey(name)
                .map(endpoint -> cluster.endpointIndex(endpoint.endpointID()))
                .orElse(OptionalInt.empty());
    }
}
