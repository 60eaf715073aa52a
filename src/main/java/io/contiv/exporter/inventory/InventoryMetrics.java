package io.contiv.exporter.inventory;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetworkInspect;
import io.contiv.exporter.netmaster.Tenant;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Netmaster-mode inventory gauges with conventional names; a missing link set counts as 0, not as no series. */
public final class InventoryMetrics implements InventoryMetricsWriter {

    static final List<String> NETWORK_LABELS = List.of("tenant", "network");
    static final List<String> GROUP_LABELS = List.of("tenant", "network", "endpoint_group");

    static final MetricFamily TENANTS = MetricFamily.gauge("contiv_tenants", "Tenants configured in netmaster.",
            List.of());
    static final MetricFamily NETWORKS = MetricFamily.gauge("contiv_networks", "Networks of each tenant.",
            List.of("tenant"));
    static final MetricFamily ENDPOINT_GROUPS = MetricFamily.gauge("contiv_endpoint_groups",
            "Endpoint groups of each network.", NETWORK_LABELS);
    static final MetricFamily NETWORK = MetricFamily.info("contiv_network",
            "Networks known to netmaster, with their configuration; always 1.",
            List.of("tenant", "network", "type", "encap", "subnet", "gateway"));
    static final MetricFamily POLICIES = MetricFamily.gauge("contiv_policies",
            "Policies attached to each endpoint group.", GROUP_LABELS);
    static final MetricFamily NETPROFILES = MetricFamily.gauge("contiv_netprofiles",
            "1 when the endpoint group has a net profile, else 0.", GROUP_LABELS);
    static final MetricFamily ENDPOINTS = MetricFamily.gauge("contiv_endpoints",
            "Endpoints per network, endpoint group and host.", List.of("tenant", "network", "endpoint_group", "host"));

    @Override
    public List<MetricSnapshot> snapshots(NetmasterInventory inventory) {
        Families families = new Families();
        families.add(TENANTS, Labels.EMPTY, inventory.tenants().size());
        families.declare(NETWORKS);
        for (Tenant tenant : inventory.tenants()) {
            families.add(NETWORKS, NETWORKS.labels(text(tenant.tenantName())), tenant.networkCount().orElse(0));
        }
        families.declare(ENDPOINT_GROUPS);
        families.declare(NETWORK);
        for (Network network : inventory.networks()) {
            String tenant = text(network.tenantName());
            String name = text(network.networkName());
            families.add(ENDPOINT_GROUPS, ENDPOINT_GROUPS.labels(tenant, name),
                    network.endpointGroupCount().orElse(0));
            families.add(NETWORK, NETWORK.labels(tenant, name, text(network.nwType()), text(network.encap()),
                    text(network.subnet()), text(network.gateway())), 1);
        }
        families.declare(POLICIES);
        families.declare(NETPROFILES);
        for (EndpointGroup group : inventory.endpointGroups()) {
            Labels labels = POLICIES.labels(text(group.tenantName()), text(group.networkName()),
                    text(group.groupName()));
            families.add(POLICIES, labels, group.policyCount().orElse(0));
            families.add(NETPROFILES, labels, group.hasNetProfile() ? 1 : 0);
        }
        families.declare(ENDPOINTS);
        endpointCounts(inventory).forEach((labels, count) -> families.add(ENDPOINTS, labels, count));
        CapacityMetrics.addTo(families, inventory);
        return families.build();
    }

    @Override
    public List<MetricFamily> families() {
        List<MetricFamily> all = new ArrayList<>(List.of(TENANTS, NETWORKS, ENDPOINT_GROUPS, NETWORK, POLICIES,
                NETPROFILES, ENDPOINTS));
        all.addAll(CapacityMetrics.FAMILIES);
        return all;
    }

    private static Map<Labels, Integer> endpointCounts(NetmasterInventory inventory) {
        Map<Labels, Integer> counts = new LinkedHashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                Labels labels = ENDPOINTS.labels(text(inspect.config().tenantName()),
                        text(inspect.config().networkName()), text(endpoint.serviceName()),
                        text(endpoint.homingHost()));
                counts.merge(labels, 1, Integer::sum);
            }
        }
        return counts;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
