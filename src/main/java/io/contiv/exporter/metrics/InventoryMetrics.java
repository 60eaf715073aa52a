package io.contiv.exporter.metrics;

import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.EndpointOper;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetmasterInventory;
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

    @Override
    public List<MetricSnapshot> snapshots(NetmasterInventory inventory) {
        SnapshotBuilders families = new SnapshotBuilders();
        families.add(Kind.GAUGE, "contiv_tenants", "Tenants configured in netmaster.", Labels.EMPTY,
                inventory.tenants().size());
        families.declare(Kind.GAUGE, "contiv_networks", "Networks of each tenant.");
        for (Tenant tenant : inventory.tenants()) {
            families.add(Kind.GAUGE, "contiv_networks", null, Labels.of("tenant", text(tenant.tenantName())),
                    tenant.networkCount().orElse(0));
        }
        families.declare(Kind.GAUGE, "contiv_endpoint_groups", "Endpoint groups of each network.");
        families.declare(Kind.INFO, "contiv_network", "Networks known to netmaster, with their configuration; always 1.");
        for (Network network : inventory.networks()) {
            Labels labels = Labels.of("tenant", text(network.tenantName()), "network", text(network.networkName()));
            families.add(Kind.GAUGE, "contiv_endpoint_groups", null, labels, network.endpointGroupCount().orElse(0));
            families.add(Kind.INFO, "contiv_network", null, labels.merge(
                    new String[] {"type", "encap", "subnet", "gateway"},
                    new String[] {text(network.nwType()), text(network.encap()), text(network.subnet()),
                        text(network.gateway())}), 1);
        }
        families.declare(Kind.GAUGE, "contiv_policies", "Policies attached to each endpoint group.");
        families.declare(Kind.GAUGE, "contiv_netprofiles", "1 when the endpoint group has a net profile, else 0.");
        for (EndpointGroup group : inventory.endpointGroups()) {
            Labels labels = Labels.of("tenant", text(group.tenantName()), "network", text(group.networkName()),
                    "endpoint_group", text(group.groupName()));
            families.add(Kind.GAUGE, "contiv_policies", null, labels, group.policyCount().orElse(0));
            families.add(Kind.GAUGE, "contiv_netprofiles", null, labels, group.hasNetProfile() ? 1 : 0);
        }
        families.declare(Kind.GAUGE, "contiv_endpoints", "Endpoints per network, endpoint group and host.");
        endpointCounts(inventory).forEach((labels, count) ->
                families.add(Kind.GAUGE, "contiv_endpoints", null, labels, count));
        CapacityMetrics.addTo(families, inventory);
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }

    private static Map<Labels, Integer> endpointCounts(NetmasterInventory inventory) {
        Map<Labels, Integer> counts = new LinkedHashMap<>();
        for (NetworkInspect inspect : inventory.inspectedNetworks()) {
            for (EndpointOper endpoint : inspect.oper().endpoints()) {
                Labels labels = Labels.of(
                        "tenant", text(inspect.config().tenantName()),
                        "network", text(inspect.config().networkName()),
                        "endpoint_group", text(endpoint.serviceName()),
                        "host", text(endpoint.homingHost()));
                counts.merge(labels, 1, Integer::sum);
            }
        }
        return counts;
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
