package io.contiv.exporter.inventory;

import static io.contiv.exporter.inventory.InventoryMetrics.text;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetworkInspect;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Address pool use per network and per endpoint group with an {@code ipPool}, and endpoints per host: what runs
 * out first in a Contiv cluster.
 */
final class CapacityMetrics {

    static final MetricFamily NETWORK_ALLOCATED = MetricFamily.gauge("contiv_network_addresses_allocated",
            "Addresses netmaster has allocated in the network (Oper.allocatedAddressesCount).",
            InventoryMetrics.NETWORK_LABELS);
    static final MetricFamily NETWORK_CAPACITY = MetricFamily.gauge("contiv_network_addresses_capacity",
            "Addresses the network's subnet can hand out: its size less network, broadcast and gateway.",
            InventoryMetrics.NETWORK_LABELS);
    static final MetricFamily GROUP_CAPACITY = MetricFamily.gauge("contiv_endpoint_group_addresses_capacity",
            "Addresses in the endpoint group's ipPool, less the gateway; only for groups with a pool.",
            InventoryMetrics.GROUP_LABELS);
    static final MetricFamily GROUP_ALLOCATED = MetricFamily.gauge("contiv_endpoint_group_addresses_allocated",
            "Endpoints of an endpoint group that has an ipPool, each holding one address of it.",
            InventoryMetrics.GROUP_LABELS);
    static final MetricFamily HOST_ENDPOINTS = MetricFamily.gauge("contiv_host_endpoints",
            "Endpoints netmaster places on each host.", List.of("host"));
    static final List<MetricFamily> FAMILIES =
            List.of(NETWORK_ALLOCATED, NETWORK_CAPACITY, GROUP_CAPACITY, GROUP_ALLOCATED, HOST_ENDPOINTS);

    private CapacityMetrics() {
    }

    static void addTo(Families families, NetmasterInventory inventory) {
        families.declare(NETWORK_ALLOCATED);
        families.declare(NETWORK_CAPACITY);
        Map<String, String> gatewayByNetwork = new HashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            Network config = inspect.config();
            Labels labels = NETWORK_ALLOCATED.labels(text(config.tenantName()), text(config.networkName()));
            gatewayByNetwork.put(config.tenantName() + ":" + config.networkName(), config.gateway());
            Long allocated = inspect.oper().allocatedAddressesCount();
            families.add(NETWORK_ALLOCATED, labels, allocated == null ? 0 : allocated);
            OptionalDouble capacity = AddressPools.subnetCapacity(config.subnet(), config.gateway());
            if (capacity.isEmpty()) {
                capacity = AddressPools.subnetCapacity(config.ipv6Subnet(), config.ipv6Gateway());
            }
            capacity.ifPresent(c -> families.add(NETWORK_CAPACITY, labels, c));
        }
        addGroupPools(families, inventory, gatewayByNetwork);
        families.declare(HOST_ENDPOINTS);
        Map<String, Integer> perHost = new HashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                perHost.merge(text(endpoint.homingHost()), 1, Integer::sum);
            }
        }
        perHost.forEach((host, count) -> families.add(HOST_ENDPOINTS, HOST_ENDPOINTS.labels(host), count));
    }

    private static void addGroupPools(Families families, NetmasterInventory inventory,
                                      Map<String, String> gatewayByNetwork) {
        families.declare(GROUP_CAPACITY);
        families.declare(GROUP_ALLOCATED);
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
            Labels labels = GROUP_CAPACITY.labels(text(group.tenantName()), text(group.networkName()),
                    text(group.groupName()));
            families.add(GROUP_CAPACITY, labels, capacity.getAsDouble());
            families.add(GROUP_ALLOCATED, labels,
                    endpointsPerGroup.getOrDefault(group.tenantName() + ":" + group.groupName(), 0));
        }
    }
}
