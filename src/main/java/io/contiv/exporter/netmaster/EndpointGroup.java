package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** An endpoint group as {@code /api/v1/endpointGroups/} lists it. */
public record EndpointGroup(
        String key,
        String groupName,
        String networkName,
        String tenantName,
        List<String> policies,
        String netProfile,
        String ipPool,
        Long cfgdTag,
        @JsonProperty("link-sets") Map<String, Map<String, Link>> linkSets,
        Map<String, Link> links) {

    public EndpointGroup {
        policies = policies == null ? List.of() : List.copyOf(policies);
        linkSets = LinkSets.orEmpty(linkSets);
        links = LinkSets.orEmpty(links);
    }

    public OptionalInt policyCount() {
        return LinkSets.size(linkSets, "Policies");
    }

    /** Netmaster never fills a {@code NetProfiles} link set; the original exporter counted it anyway. */
    public OptionalInt netProfileLinkSetSize() {
        return LinkSets.size(linkSets, "NetProfiles");
    }

    /** Netmaster keeps a group's net profile as a single link, mirrored in the {@code netProfile} name. */
    public boolean hasNetProfile() {
        return links.containsKey("NetProfile") || (netProfile != null && !netProfile.isEmpty());
    }
}
