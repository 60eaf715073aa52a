package io.contiv.exporter.simulation;

/**
 * The shape of a simulated Contiv cluster.
 *
 * <p>{@link #defaults()} is the shape behind the reference payloads: tenants {@code default} and
 * {@code tenant1}, one data network each, two endpoint groups per network, three endpoints on each
 * of two nodes. Every {@code withX} method returns a copy with one value changed.
 *
 * @param seed              drives every random-looking value (endpoint and container IDs)
 * @param tenants           number of tenants; the first is {@code default}, the others {@code tenant<t>}
 * @param networksPerTenant data networks per tenant (the infra network {@code contivh1} comes on top)
 * @param groupsPerNetwork  endpoint groups per data network
 * @param endpointsPerNode  endpoints homed on each node; the cluster has {@code endpointsPerNode * nodes}
 * @param nodes             number of nodes, named {@code node1 .. nodeN}
 * @param policiesPerGroup  the most policies a group carries: group {@code g} gets
 *                          {@code 1 + g % policiesPerGroup} of them (so the reference's 1 and 2), none when 0
 */
public record ClusterSpec(long seed, int tenants, int networksPerTenant, int groupsPerNetwork,
                          int endpointsPerNode, int nodes, int policiesPerGroup) {

    public ClusterSpec {
        requireAtLeast("tenants", tenants, 1);
        requireAtLeast("networksPerTenant", networksPerTenant, 0);
        requireAtLeast("groupsPerNetwork", groupsPerNetwork, 0);
        requireAtLeast("endpointsPerNode", endpointsPerNode, 0);
        requireAtLeast("nodes", nodes, 1);
        requireAtLeast("policiesPerGroup", policiesPerGroup, 0);
        if (networksPerTenant == 0 && endpointsPerNode > 0) {
            throw new IllegalArgumentException("endpoints need at least one data network per tenant");
        }
        // Indices of endpoints are ints; the 10.0.0.0/8 address plan caps far below this anyway.
        if ((long) endpointsPerNode * nodes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many endpoints: " + (long) endpointsPerNode * nodes);
        }
    }

    /** The reference shape (see the class comment) with seed 1. */
    public static ClusterSpec defaults() {
        return new ClusterSpec(1L, 2, 1, 2, 3, 2, 2);
    }

    /**
     * A cluster far larger than one node: {@code endpoints} spread evenly over {@code hosts} nodes (each holding
     * {@code endpoints / hosts}), in 10 tenants of 2 data networks with 5 endpoint groups each, one policy per group.
     */
    public static ClusterSpec manyNodes(int endpoints, int hosts) {
        if (hosts < 1 || endpoints % hosts != 0) {
            throw new IllegalArgumentException(endpoints + " endpoints do not spread evenly over " + hosts + " hosts");
        }
        return new ClusterSpec(1L, 10, 2, 5, endpoints / hosts, hosts, 1);
    }

    public int endpointCount() {
        return endpointsPerNode * nodes;
    }

    public int dataNetworkCount() {
        return tenants * networksPerTenant;
    }

    public ClusterSpec withSeed(long value) {
        return new ClusterSpec(value, tenants, networksPerTenant, groupsPerNetwork, endpointsPerNode, nodes, policiesPerGroup);
    }

    public ClusterSpec withTenants(int value) {
        return new ClusterSpec(seed, value, networksPerTenant, groupsPerNetwork, endpointsPerNode, nodes, policiesPerGroup);
    }

    public ClusterSpec withNetworksPerTenant(int value) {
        return new ClusterSpec(seed, tenants, value, groupsPerNetwork, endpointsPerNode, nodes, policiesPerGroup);
    }

    public ClusterSpec withGroupsPerNetwork(int value) {
        return new ClusterSpec(seed, tenants, networksPerTenant, value, endpointsPerNode, nodes, policiesPerGroup);
    }

    public ClusterSpec withEndpointsPerNode(int value) {
        return new ClusterSpec(seed, tenants, networksPerTenant, groupsPerNetwork, value, nodes, policiesPerGroup);
    }

    public ClusterSpec withNodes(int value) {
        return new ClusterSpec(seed, tenants, networksPerTenant, groupsPerNetwork, endpointsPerNode, value, policiesPerGroup);
    }

    public ClusterSpec withPoliciesPerGroup(int value) {
        return new ClusterSpec(seed, tenants, networksPerTenant, groupsPerNetwork, endpointsPerNode, nodes, value);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
        }
    }
}
