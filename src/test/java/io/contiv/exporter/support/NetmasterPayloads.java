package io.contiv.exporter.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * netmaster's REST bodies for one tenant with one data network, its endpoint groups and given endpoints, in exactly
 * the shape of the reference payloads (field names, order and nesting; absent fields where netmaster omits empty
 * ones), plus the infra network {@code default:contivh1} every Contiv cluster lists. For tests whose endpoints are
 * made at run time (real namespaces, real OVS interfaces), which the seed-determined simulated cluster cannot name.
 *
 * <p>Serve {@link #bodies()} with {@code NetmasterStandIn.servingFixedBodies}.
 */
public final class NetmasterPayloads {

    /**
     * An endpoint as netmaster reports it in {@code Oper.endpoints} of its network.
     *
     * @param group the endpoint group's name, empty for an endpoint in no group
     */
    public record Endpoint(String endpointId, String containerId, String containerName, String homingHost,
                           String ipAddress, String macAddress, String vtepIp, Optional<String> group) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String tenant;
    private final String network;
    private final String subnet;
    private final String gateway;
    private final int pktTag;
    private final Map<String, Integer> groupIds = new LinkedHashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** One tenant and one VXLAN data network {@code tenant:network}. */
    public NetmasterPayloads(String tenant, String network, String subnet, String gateway, int pktTag) {
        this.tenant = tenant;
        this.network = network;
        this.subnet = subnet;
        this.gateway = gateway;
        this.pktTag = pktTag;
    }

    /** Adds an endpoint group of the network; IDs count from 1 in the order groups are added. */
    public NetmasterPayloads group(String name) {
        groupIds.putIfAbsent(name, groupIds.size() + 1);
        return this;
    }

    /** Adds an endpoint of the network; its group, if any, must have been added. */
    public NetmasterPayloads endpoint(Endpoint endpoint) {
        endpoint.group().ifPresent(group -> {
            if (!groupIds.containsKey(group)) {
                throw new IllegalArgumentException("unknown endpoint group " + group);
            }
        });
        endpoints.add(endpoint);
        return this;
    }

    public String networkKey() {
        return tenant + ":" + network;
    }

    /** Body per path, as netmaster serves them. */
    public Map<String, byte[]> bodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("/api/v1/networks/", render(MAPPER.createArrayNode().add(infraNetwork()).add(dataNetwork())));
        bodies.put("/api/v1/inspect/networks/" + networkKey() + "/", render(inspect()));
        bodies.put("/api/v1/tenants/", render(MAPPER.createArrayNode().add(tenantJson())));
        ArrayNode groups = MAPPER.createArrayNode();
        groupIds.keySet().forEach(group -> groups.add(endpointGroupJson(group)));
        bodies.put("/api/v1/endpointGroups/", render(groups));
        return bodies;
    }

    private ObjectNode infraNetwork() {
        ObjectNode infra = MAPPER.createObjectNode()
                .put("key", "default:contivh1")
                .put("tenantName", "default")
                .put("networkName", "contivh1")
                .put("nwType", "infra")
                .put("encap", "vlan")
                .put("subnet", "132.1.1.0/24")
                .put("gateway", "132.1.1.1")
                .put("pktTag", 0);
        infra.putObject("link-sets");
        infra.putObject("links").set("Tenant", link("tenant", "default"));
        return infra;
    }

    private ObjectNode dataNetwork() {
        ObjectNode data = MAPPER.createObjectNode()
                .put("key", networkKey())
                .put("tenantName", tenant)
                .put("networkName", network)
                .put("nwType", "data")
                .put("encap", "vxlan")
                .put("subnet", subnet)
                .put("gateway", gateway)
                .put("pktTag", pktTag);
        ObjectNode linkSets = data.putObject("link-sets");
        if (!groupIds.isEmpty()) {
            linkSets.set("EndpointGroups", linkSet("endpointGroup", groupKeys()));
        }
        data.putObject("links").set("Tenant", link("tenant", tenant));
        return data;
    }

    private ObjectNode inspect() {
        ObjectNode inspect = MAPPER.createObjectNode();
        inspect.set("Config", dataNetwork());
        ObjectNode oper = inspect.putObject("Oper");
        if (!endpoints.isEmpty()) {
            ArrayNode list = oper.putArray("endpoints");
            endpoints.forEach(endpoint -> list.add(endpointJson(endpoint)));
            oper.put("numEndpoints", endpoints.size());
            oper.put("allocatedAddressesCount", endpoints.size());
        }
        oper.put("pktTag", pktTag);
        return inspect;
    }

    private ObjectNode endpointJson(Endpoint endpoint) {
        String networkId = network + "." + tenant;
        ObjectNode node = MAPPER.createObjectNode()
                .put("endpointID", endpoint.endpointId())
                .put("containerID", endpoint.containerId())
                .put("containerName", endpoint.containerName())
                .put("homingHost", endpoint.homingHost());
        node.putArray("ipAddress").add(endpoint.ipAddress()).add("");
        node.put("macAddress", endpoint.macAddress())
                .put("network", networkId)
                .put("labels", "map[]")
                .put("intfName", "")
                .put("vtepIP", endpoint.vtepIp())
                .put("key", networkId + "-" + endpoint.endpointId().substring(0, 12));
        endpoint.group().ifPresent(group -> node
                .put("serviceName", group)
                .put("endpointGroupKey", group + ":" + tenant)
                .put("endpointGroupId", groupIds.get(group)));
        return node;
    }

    private ObjectNode tenantJson() {
        ObjectNode node = MAPPER.createObjectNode()
                .put("key", tenant)
                .put("tenantName", tenant)
                .put("defaultNetwork", "");
        ObjectNode linkSets = node.putObject("link-sets");
        linkSets.set("Networks", linkSet("network", List.of(networkKey())));
        if (!groupIds.isEmpty()) {
            linkSets.set("EndpointGroups", linkSet("endpointGroup", groupKeys()));
        }
        return node;
    }

    private ObjectNode endpointGroupJson(String group) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("key", tenant + ":" + group)
                .put("groupName", group)
                .put("networkName", network)
                .put("tenantName", tenant);
        node.putObject("link-sets");
        ObjectNode links = node.putObject("links");
        links.set("Network", link("network", networkKey()));
        links.set("Tenant", link("tenant", tenant));
        return node;
    }

    private List<String> groupKeys() {
        return groupIds.keySet().stream().map(group -> tenant + ":" + group).toList();
    }

    private static ObjectNode linkSet(String type, List<String> keys) {
        ObjectNode set = MAPPER.createObjectNode();
        keys.forEach(key -> set.set(key, link(type, key)));
        return set;
    }

    private static ObjectNode link(String type, String key) {
        return MAPPER.createObjectNode().put("type", type).put("key", key);
    }

    private static byte[] render(Object tree) {
        try {
            // indented and newline-terminated, as netmaster answers
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
