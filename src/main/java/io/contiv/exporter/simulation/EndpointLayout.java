package io.contiv.exporter.simulation;

/**
 * Where endpoint number {@code k} lives, by arithmetic rather than tables.
 *
 * <p>Endpoints fill the data networks in order (tenant by tenant, network by network; the first
 * {@code total % networks} networks get one more). Hosts are dealt round-robin, starting at the
 * second node, which reproduces the reference payloads' layout; every node gets exactly
 * {@code endpointsPerNode} endpoints, and the {@code j}-th endpoint of a node is its {@code vvport<j+1>}.
 */
final class EndpointLayout {

    private final int total;
    private final int nodes;
    private final int networks;
    private final int perNetwork;
    private final int networksWithOneMore;

    EndpointLayout(ClusterSpec spec) {
        this.total = spec.endpointCount();
        this.nodes = spec.nodes();
        this.networks = spec.dataNetworkCount();
        this.perNetwork = networks == 0 ? 0 : total / networks;
        this.networksWithOneMore = networks == 0 ? 0 : total % networks;
    }

    int total() {
        return total;
    }

    int maxEndpointsPerNetwork() {
        return networksWithOneMore > 0 ? perNetwork + 1 : perNetwork;
    }

    /** Index of the data network (tenant-major) that endpoint {@code k} belongs to. */
    int networkOf(int k) {
        int bigPart = networksWithOneMore * (perNetwork + 1);
        return k < bigPart ? k / (perNetwork + 1) : networksWithOneMore + (k - bigPart) / perNetwork;
    }

    /** Position of endpoint {@code k} within its network. */
    int indexInNetwork(int k) {
        return k - firstOfNetwork(networkOf(k));
    }

    int firstOfNetwork(int network) {
        return network * perNetwork + Math.min(network, networksWithOneMore);
    }

    int sizeOfNetwork(int network) {
        return perNetwork + (network < networksWithOneMore ? 1 : 0);
    }

    /** 0-based node index of endpoint {@code k}. */
    int nodeOf(int k) {
        return (k + 1) % nodes;
    }

    /** Position of endpoint {@code k} among its node's endpoints. */
    int indexOnNode(int k) {
        return k / nodes;
    }

    int endpointsOnNode() {
        return total / nodes;
    }

    /** Endpoint number of the {@code j}-th endpoint on node {@code node} (0-based). */
    int endpointOnNode(int node, int j) {
        int first = Math.floorMod(node - 1, nodes);
        return first + j * nodes;
    }
}
