package io.contiv.exporter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contiv.exporter.simulation.ClusterSpec;
import io.contiv.exporter.simulation.Endpoint;
import io.contiv.exporter.simulation.SimulatedCluster;
import io.contiv.exporter.simulation.etcd.EtcdStandIn;
import io.contiv.exporter.simulation.netmaster.NetmasterStandIn;
import io.contiv.exporter.testing.InterfaceRow;
import io.contiv.exporter.testing.OvsdbJson;
import io.contiv.exporter.testing.RealOvsdbServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Contiv node with N endpoints: a real ovsdb-server holding one interface per endpoint (nine statistics,
 * {@code external_ids:endpoint-id} set), and a netmaster stand-in serving the simulated cluster those endpoints
 * belong to. The endpoint IDs come from the cluster, so every interface joins.
 */
public final class SimulatedNode implements AutoCloseable {

    public static final String HOST = "node1";
    static final String BRIDGE = "contivVxlanBridge";
    /** The shape around the node's endpoints: 2 tenants x 2 data networks x 2 groups, one node. */
    private static final ClusterSpec SHAPE = new ClusterSpec(1L, 2, 2, 2, 0, 1, 2);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SimulatedCluster cluster;
    private final RealOvsdbServer ovsdb;
    private final NetmasterStandIn netmaster;
    private final EtcdStandIn etcd;
    private final List<String> interfaceUuids;
    private final List<String> interfaceNames;

    private SimulatedNode(SimulatedCluster cluster, RealOvsdbServer ovsdb, NetmasterStandIn netmaster,
                          EtcdStandIn etcd, List<String> interfaceUuids, List<String> interfaceNames) {
        this.cluster = cluster;
        this.ovsdb = ovsdb;
        this.netmaster = netmaster;
        this.etcd = etcd;
        this.interfaceUuids = interfaceUuids;
        this.interfaceNames = interfaceNames;
    }

    public static SimulatedNode start(int endpoints) {
        SimulatedCluster cluster = SimulatedCluster.generate(SHAPE.withEndpointsPerNode(endpoints));
        RealOvsdbServer ovsdb = RealOvsdbServer.start();
        NetmasterStandIn netmaster = null;
        EtcdStandIn etcd = null;
        try {
            ovsdb.addBridge(BRIDGE);
            List<Endpoint> onNode = cluster.endpointsOnHost(HOST);
            List<InterfaceRow> rows = new ArrayList<>(onNode.size());
            for (int i = 0; i < onNode.size(); i++) {
                Endpoint endpoint = onNode.get(i);
                rows.add(InterfaceRow.endpoint(endpoint.interfaceName(), endpoint.endpointID(), i + 1));
            }
            ovsdb.addInterfaces(BRIDGE, rows);
            List<String> uuids = interfaceUuids(ovsdb, rows.stream().map(InterfaceRow::name).toList());
            netmaster = NetmasterStandIn.serving(cluster);
            // the leader and the endpoint states, as netmaster keeps them in etcd
            etcd = EtcdStandIn.serving(netmaster.hostPort(), cluster);
            return new SimulatedNode(cluster, ovsdb, netmaster, etcd, uuids,
                    rows.stream().map(InterfaceRow::name).toList());
        } catch (RuntimeException e) {
            if (etcd != null) {
                etcd.close();
            }
            if (netmaster != null) {
                netmaster.close();
            }
            ovsdb.close();
            throw e;
        }
    }

    public int endpoints() {
        return interfaceUuids.size();
    }

    /** Requests netmaster answers per refresh: the network list plus one inspect per data network. */
    int requestsPerRefreshRound() {
        return 1 + cluster.dataNetworks().size();
    }

    int dataNetworks() {
        return cluster.dataNetworks().size();
    }

    public RealOvsdbServer ovsdb() {
        return ovsdb;
    }

    /** etcd's address as {@code --etcd} takes it. */
    public String etcdEndpoint() {
        return "http://" + etcd.hostPort();
    }

    public NetmasterStandIn netmaster() {
        return netmaster;
    }

    /**
     * Rewrites every interface's statistics in one transaction, as ovs-vswitchd does every 5 s. All counters of
     * round {@code r} carry values that no earlier round used; {@link #marker} tells whether a scrape saw them.
     */
    public void refreshStatistics(long round) {
        ArrayNode operations = JSON.arrayNode();
        for (int i = 0; i < interfaceUuids.size(); i++) {
            ObjectNode update = JSON.objectNode().put("op", "update").put("table", "Interface");
            // by UUID, which ovsdb-server finds directly; a condition on the name would scan the table
            update.putArray("where").add(JSON.arrayNode().add("_uuid").add("==")
                    .add(JSON.arrayNode().add("uuid").add(interfaceUuids.get(i))));
            update.putObject("row").set("statistics", OvsdbJson.map(statistics(round, i)));
            operations.add(update);
        }
        ovsdb.transact(operations);
    }

    /** The name of the {@code i}-th interface. */
    public String interfaceName(int i) {
        return interfaceNames.get(i);
    }

    /** The statistics {@link #refreshStatistics} writes to the {@code i}-th interface in round {@code round}. */
    public static Map<String, Long> statistics(long round, int i) {
        Map<String, Long> statistics = new LinkedHashMap<>();
        for (int s = 0; s < InterfaceRow.ENDPOINT_STATISTICS.size(); s++) {
            statistics.put(InterfaceRow.ENDPOINT_STATISTICS.get(s), (round * 1_000_000L + i) * 10 + s);
        }
        return statistics;
    }

    /** A value that appears in a scrape only once the statistics of {@code round} reached the exporter. */
    String marker(long round) {
        int last = interfaceUuids.size() - 1;
        int collisions = InterfaceRow.ENDPOINT_STATISTICS.indexOf("collisions");
        return " " + (double) ((round * 1_000_000L + last) * 10 + collisions) + "\n";
    }

    private static List<String> interfaceUuids(RealOvsdbServer ovsdb, List<String> names) {
        ObjectNode select = JSON.objectNode().put("op", "select").put("table", "Interface");
        select.putArray("where");
        select.putArray("columns").add("_uuid").add("name");
        JsonNode rows = ovsdb.transact(JSON.arrayNode().add(select)).get(0).get("rows");
        Map<String, String> byName = new LinkedHashMap<>();
        rows.forEach(row -> byName.put(row.get("name").asText(), row.get("_uuid").get(1).asText()));
        List<String> uuids = new ArrayList<>(names.size());
        for (String name : names) {
            String uuid = byName.get(name);
            if (uuid == null) {
                throw new IllegalStateException("interface " + name + " is not in ovsdb-server");
            }
            uuids.add(uuid);
        }
        return uuids;
    }

    @Override
    public void close() {
        try {
            etcd.close();
            netmaster.close();
        } finally {
            ovsdb.close();
        }
    }
}
