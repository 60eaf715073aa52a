package io.contiv.exporter.inventory;

import static io.contiv.exporter.inventory.InventoryMetrics.text;

import io.contiv.exporter.metrics.Families;
import io.contiv.exporter.metrics.MetricFamily;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.Tenant;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** The original exporter's {@code count_of_*} series, each emitted only where the original emitted it. */
public final class LegacyInventoryMetrics implements InventoryMetricsWriter {

    private static final List<String> GROUP_LABELS = List.of("tenant", "network", "endpointGroup");

    static final MetricFamily TENANTS = MetricFamily.untyped("count_of_tenants",
            "Tenants configured in netmaster (legacy name).", List.of());
    static final MetricFamily NETWORKS = MetricFamily.untyped("count_of_networks",
            "Networks of each tenant (legacy name).", List.of("tenant"));
    static final MetricFamily ENDPOINT_GROUPS = MetricFamily.untyped("count_of_endpointGroups",
            "Endpoint groups of each network (legacy name).", List.of("tenant", "network"));
    static final MetricFamily POLICIES = MetricFamily.untyped("count_of_policies",
            "Policies of each endpoint group (legacy name).", GROUP_LABELS);
    static final MetricFamily NETPROFILES = MetricFamily.untyped("count_of_netprofiles",
            "Net profiles in the endpoint group's NetProfiles link set (legacy name).", GROUP_LABELS);

    @Override
    public List<MetricSnapshot> snapshots(NetmasterInventory inventory) {
        Families families = new Families();
        families.add(TENANTS, Labels.EMPTY, inventory.tenants().size());
        for (Tenant tenant : inventory.tenants()) {
            tenant.networkCount().ifPresent(count ->
                    families.add(NETWORKS, NETWORKS.labels(text(tenant.tenantName())), count));
        }
        for (Network network : inventory.networks()) {
            network.endpointGroupCount().ifPresent(count -> families.add(ENDPOINT_GROUPS,
                    ENDPOINT_GROUPS.labels(text(network.tenantName()), text(network.networkName())), count));
        }
        for (EndpointGroup group : inventory.endpointGroups()) {
            Labels labels = POLICIES.labels(text(group.tenantName()), text(group.networkName()),
                    text(group.groupName()));
            group.policyCount().ifPresent(count -> families.add(POLICIES, labels, count));
            group.netProfileLinkSetSize().ifPresent(count -> families.add(NETPROFILES, labels, count));
        }
        return families.build();
    }

    @Override
    public List<MetricFamily> families() {
        return List.of(TENANTS, NETWORKS, ENDPOINT_GROUPS, POLICIES, NETPROFILES);
    }
}
