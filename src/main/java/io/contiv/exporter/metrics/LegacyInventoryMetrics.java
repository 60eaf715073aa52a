package io.contiv.exporter.metrics;

import static io.contiv.exporter.metrics.InventoryMetrics.text;

import io.contiv.exporter.metrics.SnapshotBuilders.Kind;
import io.contiv.exporter.netmaster.EndpointGroup;
import io.contiv.exporter.netmaster.Network;
import io.contiv.exporter.netmaster.NetmasterInventory;
import io.contiv.exporter.netmaster.Tenant;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The original exporter's {@code count_of_*} series, each emitted only where the original emitted it. */
public final class LegacyInventoryMetrics implements InventoryMetricsWriter {

    @Override
    public List<MetricSnapshot> snapshots(NetmasterInventory inventory) {
        SnapshotBuilders families = new SnapshotBuilders();
        families.add(Kind.UNTYPED, "count_of_tenants", "Tenants configured in netmaster (legacy name).",
                Labels.EMPTY, inventory.tenants().size());
        for (Tenant tenant : inventory.tenants()) {
            tenant.networkCount().ifPresent(count -> families.add(Kind.UNTYPED, "count_of_networks",
                    "Networks of each tenant (legacy name).", Labels.of("tenant", text(tenant.tenantName())), count));
        }
        for (Network network : inventory.networks()) {
            network.endpointGroupCount().ifPresent(count -> families.add(Kind.UNTYPED, "count_of_endpointGroups",
                    "Endpoint groups of each network (legacy name).",
                    Labels.of("tenant", text(network.tenantName()), "network", text(network.networkName())), count));
        }
        for (EndpointGroup group : inventory.endpointGroups()) {
            Labels labels = Labels.of("tenant", text(group.tenantName()), "network", text(group.networkName()),
                    "endpointGroup", text(group.groupName()));
            group.policyCount().ifPresent(count -> families.add(Kind.UNTYPED, "count_of_policies",
                    "Policies of each endpoint group (legacy name).", labels, count));
            group.netProfileLinkSetSize().ifPresent(count -> families.add(Kind.UNTYPED, "count_of_netprofiles",
                    "Net profiles in the endpoint group's NetProfiles link set (legacy name).", labels, count));
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.addTo(out);
        return out;
    }
}
