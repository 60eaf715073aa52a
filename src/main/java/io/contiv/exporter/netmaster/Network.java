package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.OptionalInt;

/** A network as netmaster's {@code /api/v1/networks/} lists it; every field may be absent. */
public record Network(
        String key,
        String tenantName,
        String networkName,
        String nwType,
        String encap,
        String subnet,
        String gateway,
        String ipv6Subnet,
        String ipv6Gateway,
        Long pktTag,
        @JsonProperty("link-sets") Map<String, Map<String, Link>> linkSets,
        Map<String, Link> links) {

    public Network {
        linkSets = LinkSets.orEmpty(linkSets);
        links = LinkSets.orEmpty(links);
    }

    public boolean isInfra() {
        return "infra".equals(nwType);
    }

    public OptionalInt endpointGroupCount() {
        return LinkSets.size(linkSets, "EndpointGroups");
    }

    /** The key netmaster's inspect URL wants; older netmasters leave {@code key} out, so rebuild it. */
    public String inspectKey() {
        return key != null && !key.isEmpty() ? key : tenantName + ":" + networkName;
    }
}
