package io.contiv.exporter.simulation;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;

/**
 * An immutable, seed-determined model of a Contiv cluster: tenants, networks (the infra network
 * {@code default:contivh1} plus data networks {@code net<t>-<n>}), endpoint groups
 * {@code epg<t>-<n>-<g>} and endpoints.
 *
 * <p>Tenants, networks and groups are built eagerly; endpoints are computed on each access from their
 * number, so a model of 1,000 nodes with 10,000 endpoints each is generated instantly and costs memory
 * only for what is read. Every endpoint list returned here is such a lazy view.
 */
public final class SimulatedCluster {

    /** The infra network netplugin creates in every Contiv cluster (values as in the reference). */
    public static final SimulatedNetwork INFRA_NETWORK = new SimulatedNetwork("default", "contivh1", NetworkType.INFRA,
            Encapsulation.VLAN, "132.1.1.0/24", "132.1.1.1", 0, List.of());

    private static final String NODE_PREFIX = "node";
    private static final String INTERFACE_PREFIX = "vvport";

    private final ClusterSpec spec;
    private final EndpointLayout layout;
    private final EndpointIdentity identity;
    private final AddressPlan addresses;
    private final List<SimulatedTenant> tenants;
    private final List<SimulatedNetwork> networks;
    private final List<SimulatedNetwork> dataNetworks;
    private final List<SimulatedEndpointGroup> endpointGroups;
    private final Map<String, SimulatedTenant> tenantsByName;
    private final Map<String, SimulatedNetwork> networksByKey;
    private final Map<String, Integer> dataNetworkIndexByKey;
    private final Map<String, SimulatedEndpointGroup> groupsByKey;

    private SimulatedCluster(ClusterSpec spec) {
        this.spec = spec;
        this.layout = new EndpointLayout(spec);
        this.identity = new EndpointIdentity(spec.seed());
        this.addresses = new AddressPlan(spec, layout.maxEndpointsPerNetwork());
        Names names = new Names(spec);

        List<SimulatedTenant> tenantList = new ArrayList<>();
        List<SimulatedNetwork> dataNetworkList = new ArrayList<>();
        List<SimulatedEndpointGroup> groupList = new ArrayList<>();
        for (int t = 0; t < spec.tenants(); t++) {
            String tenant = names.tenant(t);
            List<SimulatedNetwork> tenantNetworks = new ArrayList<>();
            List<SimulatedEndpointGroup> tenantGroups = new ArrayList<>();
            int groupId = 1;
            for (int n = 0; n < spec.networksPerTenant(); n++) {
                String network = names.network(t, n);
                List<SimulatedEndpointGroup> networkGroups = new ArrayList<>();
                for (int g = 0; g < spec.groupsPerNetwork(); g++) {
                    networkGroups.add(new SimulatedEndpointGroup(tenant, network, names.group(t, n, g), groupId++,
                            names.policies(t, n, g),
                            g % 2 == 0 ? Optional.of(names.netProfile(t, n)) : Optional.empty()));
                }
                SimulatedNetwork data = new SimulatedNetwork(tenant, network, NetworkType.DATA, Encapsulation.VXLAN,
                        addresses.subnet(t, n), addresses.gateway(t, n), pktTag(t, n), networkGroups);
                tenantNetworks.add(data);
                tenantGroups.addAll(networkGroups);
            }
            tenantList.add(new SimulatedTenant(tenant, tenantNetworks, tenantGroups));
            dataNetworkList.addAll(tenantNetworks);
            groupList.addAll(tenantGroups);
        }
        List<SimulatedNetwork> all = new ArrayList<>(dataNetworkList.size() + 1);
        all.add(INFRA_NETWORK);
        all.addAll(dataNetworkList);

        this.tenants = List.copyOf(tenantList);
        this.dataNetworks = List.copyOf(dataNetworkList);
        this.networks = List.copyOf(all);
        this.endpointGroups = List.copyOf(groupList);
        this.tenantsByName = indexBy(tenants, SimulatedTenant::name);
        this.networksByKey = indexBy(networks, SimulatedNetwork::key);
        this.groupsByKey = indexBy(endpointGroups, SimulatedEndpointGroup::key);
        Map<String, Integer> dataIndex = new HashMap<>();
        for (int d = 0; d < dataNetworks.size(); d++) {
            dataIndex.put(dataNetworks.get(d).key(), d);
        }
        this.dataNetworkIndexByKey = Collections.unmodifiableMap(dataIndex);
    }

    public static SimulatedCluster generate(ClusterSpec spec) {
        return new SimulatedCluster(spec);
    }

    public ClusterSpec spec() {
        return spec;
    }

    public List<SimulatedTenant> tenants() {
        return tenants;
    }

    public Optional<SimulatedTenant> tenant(String name) {
        return Optional.ofNullable(tenantsByName.get(name));
    }

    /** All networks, the infra network first, then the data networks tenant by tenant. */
    public List<SimulatedNetwork> networks() {
        return networks;
    }

    public List<SimulatedNetwork> dataNetworks() {
        return dataNetworks;
    }

    /** The network with netmaster key {@code tenant:network}. */
    public Optional<SimulatedNetwork> network(String key) {
        return Optional.ofNullable(networksByKey.get(key));
    }

    public List<SimulatedEndpointGroup> endpointGroups() {
        return endpointGroups;
    }

    /** The group with netmaster key {@code tenant:group}. */
    public Optional<SimulatedEndpointGroup> endpointGroup(String key) {
        return Optional.ofNullable(groupsByKey.get(key));
    }

    /** Node names {@code node1 .. nodeN}. */
    public List<String> hosts() {
        return new LazyList<>(spec.nodes(), i -> NODE_PREFIX + (i + 1));
    }

    /** The VTEP address of a node, as netmaster reports it for the node's endpoints (vtepIP). */
    public String vtepAddress(String host) {
        int index = hosts().indexOf(host);
        if (index < 0) {
            throw new IllegalArgumentException("no node " + host);
        }
        return AddressPlan.vtepAddress(index + 1);
    }

    public int endpointCount() {
        return layout.total();
    }

    /** Every endpoint, network by network. */
    public List<Endpoint> endpoints() {
        return new LazyList<>(layout.total(), this::endpoint);
    }

    /** The endpoints of a network, in the order netmaster's inspect lists them; empty for the infra network. */
    public List<Endpoint> endpointsOf(SimulatedNetwork network) {
        Integer d = dataNetworkIndexByKey.get(network.key());
        if (d == null) {
            return List.of();
        }
        int first = layout.firstOfNetwork(d);
        return new LazyList<>(layout.sizeOfNetwork(d), i -> endpoint(first + i));
    }

    /** The endpoints homed on {@code host} ({@code nodeN}), by their interface number; empty for an unknown host. */
    public List<Endpoint> endpointsOnHost(String host) {
        OptionalInt node = nodeIndex(host);
        if (node.isEmpty()) {
            return List.of();
        }
        return new LazyList<>(layout.endpointsOnNode(), j -> endpoint(layout.endpointOnNode(node.getAsInt(), j)));
    }

    /**
     * An endpoint created on {@code host} after the cluster was generated, number {@code serial} (0, 1, ...): its IDs
     * continue the cluster's, it takes the data networks (and their groups) in turn, an address from 10.255.0.0/16
     * and the interface {@code vvport<endpoints on the host + 1000 + serial>}.
     */
    public Endpoint createdEndpoint(String host, int serial) {
        if (dataNetworks.isEmpty()) {
            throw new IllegalStateException("the cluster has no data network");
        }
        int k = layout.total() + serial;
        SimulatedNetwork network = dataNetworks.get(serial % dataNetworks.size());
        int groupSlot = (serial / dataNetworks.size()) % (spec.groupsPerNetwork() + 1);
        Optional<SimulatedEndpointGroup> group = groupSlot < spec.groupsPerNetwork()
                ? Optional.of(network.endpointGroups().get(groupSlot)) : Optional.empty();
        int address = (10 << 24) | (255 << 16) | (serial & 0xffff);
        int nodeNumber = nodeIndex(host).orElse(0) + 1;
        return new Endpoint(identity.endpointId(k), identity.containerId(k), "created-" + serial,
                network.tenantName(), network.networkName(), host, AddressPlan.dotted(address),
                AddressPlan.macAddress(address), AddressPlan.vtepAddress(nodeNumber),
                INTERFACE_PREFIX + (layout.endpointsOnNode() + 1000 + serial), group);
    }

    /** The endpoint with this 64-hex {@code endpointID}. */
    public Optional<Endpoint> endpoint(String endpointID) {
        OptionalInt k = identity.indexOf(endpointID, layout.total());
        if (k.isEmpty()) {
            return Optional.empty();
        }
        Endpoint endpoint = endpoint(k.getAsInt());
        return endpoint.endpointID().equals(endpointID) ? Optional.of(endpoint) : Optional.empty();
    }

    /**
     * The first endpoint whose endpoint ID, container ID or container name contains {@code text}, as netmaster's
     * endpoint inspect looks one up. An endpoint ID's first 12 digits are found directly; anything else takes a
     * scan of every endpoint, as it does in netmaster.
     */
    public Optional<Endpoint> findEndpoint(String text) {
        if (text.isEmpty()) {
            return endpoints().isEmpty() ? Optional.empty() : Optional.of(endpoints().get(0));
        }
        OptionalInt k = identity.indexOf(text, layout.total());
        if (k.isPresent() && endpoint(k.getAsInt()).endpointID().startsWith(text)) {
            return Optional.of(endpoint(k.getAsInt()));
        }
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.endpointID().contains(text) || endpoint.containerID().contains(text)
                    || endpoint.containerName().contains(text)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /** Position of the endpoint with this {@code endpointID} in {@link #endpoints()}. */
    public OptionalInt endpointIndex(String endpointID) {
        OptionalInt k = identity.indexOf(endpointID, layout.total());
        return k.isPresent() && endpoint(k.getAsInt()).endpointID().equals(endpointID) ? k : OptionalInt.empty();
    }

    /** The endpoint with netmaster key / etcd state ID {@code network.tenant-<12 hex>}. */
    public Optional<Endpoint> endpointByKey(String key) {
        int dash = key.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        OptionalInt k = identity.indexOf(key.substring(dash + 1), layout.total());
        if (k.isEmpty()) {
            return Optional.empty();
        }
        Endpoint endpoint = endpoint(k.getAsInt());
        return endpoint.key().equals(key) ? Optional.of(endpoint) : Optional.empty();
    }

    private Endpoint endpoint(int k) {
        int d = layout.networkOf(k);
        int i = layout.indexInNetwork(k);
        int t = d / spec.networksPerTenant();
        int n = d % spec.networksPerTenant();
        SimulatedNetwork network = dataNetworks.get(d);
        // every (groups+1)-th endpoint is in no group, like the reference's third endpoint
        int groupSlot = i % (spec.groupsPerNetwork() + 1);
        Optional<SimulatedEndpointGroup> group = groupSlot < spec.groupsPerNetwork()
                ? Optional.of(network.endpointGroups().get(groupSlot)) : Optional.empty();
        int node = layout.nodeOf(k);
        int address = addresses.endpointAddress(t, n, i);
        return new Endpoint(identity.endpointId(k), identity.containerId(k), "pod-" + t + "-" + n + "-" + i,
                network.tenantName(), network.networkName(), NODE_PREFIX + (node + 1),
                AddressPlan.dotted(address), AddressPlan.macAddress(address), AddressPlan.vtepAddress(node + 1),
                INTERFACE_PREFIX + (layout.indexOnNode(k) + 1), group);
    }

    private OptionalInt nodeIndex(String host) {
        if (host == null || !host.startsWith(NODE_PREFIX)) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(host.substring(NODE_PREFIX.length()));
            boolean canonical = host.equals(NODE_PREFIX + number);
            return canonical && number >= 1 && number <= spec.nodes() ? OptionalInt.of(number - 1) : OptionalInt.empty();
        } catch (NumberFormatException notANode) {
            return OptionalInt.empty();
        }
    }

    /** pktTag (VXLAN VNI) unique per network: 100 + 10*t + n in the reference shape. */
    private int pktTag(int t, int n) {
        return 100 + t * Math.max(10, spec.networksPerTenant()) + n;
    }

    private static <T> Map<String, T> indexBy(List<T> values, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(key.apply(value), value));
        return Collections.unmodifiableMap(map);
    }

    /** An unmodifiable list whose elements are computed on access. */
    private static final class LazyList<T> extends AbstractList<T> implements RandomAccess {
        private final int size;
        private final java.util.function.IntFunction<T> element;

        LazyList(int size, java.util.function.IntFunction<T> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of " + size);
            }
            return element.apply(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
