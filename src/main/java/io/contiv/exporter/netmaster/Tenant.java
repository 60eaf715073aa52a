package io.contiv.exporter.netmaster;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.OptionalInt;

/** A tenant as {@code /api/v1/tenants/} lists it. */
public record Tenant(
        String key,
        String tenantName,
        String defaultNetwork,
        @JsonProperty("link-sets") Map<String, Map<String, Link>> linkSets) {

    public Tenant {
        linkSets = LinkSets.orEmpty(linkSets);
    }

    public OptionalInt networkCount() {
        return LinkSets.size(linkSets, "Networks");
    }
}
