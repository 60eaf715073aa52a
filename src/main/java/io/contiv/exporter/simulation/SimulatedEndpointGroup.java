package io.contiv.exporter.simulation;

import java.util.List;
import java.util.Optional;

/**
 * An endpoint group of one network.
 *
 * @param id         netmaster's numeric {@code endpointGroupId}, unique within the tenant
 * @param policies   policy names (keys are {@code tenant:policy})
 * @param netProfile the net profile's name, if the group has one
 */
public record SimulatedEndpointGroup(String tenantName, String networkName, String groupName, int id,
                            List<String> policies, Optional<String> netProfile) {

    public SimulatedEndpointGroup {
        policies = List.copyOf(policies);
    }

    /** netmaster's object key {@code tenant:group}. */
    public String key() {
        return tenantName + ":" + groupName;
    }

    /** The reverse form {@code group:tenant} that endpoints carry as {@code endpointGroupKey}. */
    public String endpointGroupKey() {
        return groupName + ":" + tenantName;
    }

    public String networkKey() {
        return tenantName + ":" + networkName;
    }
}
