package io.contiv.exporter.metrics;

import static io.contiv.exporter.metrics.InventoryMetrics.text;

import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.NetworkInspect;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Address pool use per network and per endpoint group with an {@code ipPool}, and endpoints per host: what runs
 * out first in a Contiv cluster.
 */
final class CapacityMetrics {

    private CapacityMetrics() {
    }

    static void addTo(SnapshotBuilders families, NetmasterInventory inventory) {
        families.declare(Kind.GAUGE, "contiv_network_addresses_allocated",
                "Addresses netmaster has allocated in the network (Oper.allocatedAddressesCount).");
        families.declare(Kind.GAUGE, "contiv_network_addresses_capacity",
                "Addresses the network's subnet can hand out: its size less network, broadcast and gateway.");
        Map<String, String> gatewayByNetwork = new HashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            Network config = inspect.config();
            Labels labels = Labels.of("tenant", text(config.tenantName()), "network", text(config.networkName()));
            gatewayByNetwork.put(config.tenantName() + ":" + config.networkName(), config.gateway());
            Long allocated = inspect.oper().allocatedAddressesCount();
            families.add(Kind.GAUGE, "contiv_network_addresses_allocated", null, labels,
                    allocated == null ? 0 : allocated);
            OptionalDouble capacity = AddressPools.subnetCapacity(config.subnet(), config.gateway());
            if (capacity.isEmpty()) {
                capacity = AddressPools.subnetCapacity(config.ipv6Subnet(), config.ipv6Gateway());
            }
            capacity.ifPresent(c -> families.add(Kind.GAUGE, "contiv_network_addresses_capacity", null, labels, c));
        }
        addGroupPools(families, inventory, gatewayByNetwork);
        families.declare(Kind.GAUGE, "contiv_host_endpoints", "Endpoints netmaster places on each host.");
        Map<String, Integer> perHost = new HashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                perHost.merge(text(endpoint.homingHost()), 1, Integer::sum);
            }
        }
        perHost.forEach((host, count) ->
                families.add(Kind.GAUGE, "contiv_host_endpoints", null, Labels.of("host", host), count));
    }

    private static void addGroupPools(SnapshotBuilders families, NetmasterInventory inventory,
                                      Map<String, String> gatewayByNetwork) {
        families.declare(Kind.GAUGE, "contiv_endpoint_group_addresses_capacity",
                "Addresses in the endpoint group's ipPool, less the gateway; only for groups with a pool.");
        families.declare(Kind.GAUGE, "contiv_endpoint_group_addresses_allocated",
                "Endpoints of an endpoint group that has an ipPool, each holding one address of it.");
        Map<String, Integer> endpointsPerGroup = new HashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                if (endpoint.serviceName() != null) {
                    endpointsPerGroup.merge(inspect.config().tenantName() + ":" + endpoint.serviceName(), 1,
                            Integer::sum);
                }
            }
        }
        for (EndpointGroup group : inventory.endpointGroups()) {
            String gateway = gatewayByNetwork.get(group.tenantName() + ":" + group.networkName());
            OptionalDouble capacity = AddressPools.rangeCapacity(group.ipPool(), gateway);
            if (capacity.isEmpty()) {
                continue;
            }
            Labels labels = Labels.of("tenant", text(group.tenantName()), "network", text(group.networkName()),
                    "endpoint_group", text(group.groupName()));
            families.add(Kind.GAUGE, "contiv_endpoint_group_addresses_capacity", null, labels, capacity.getAsDouble());
            families.add(Kind.GAUGE, "contiv_endpoint_group_addresses_allocated", null, labels,
                    endpointsPerGroup.getOrDefault(group.tenantName() + ":" + group.groupName(), 0));
        }
    }
}
