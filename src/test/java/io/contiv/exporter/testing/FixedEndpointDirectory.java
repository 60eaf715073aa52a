package io.contiv.exporter.testing;

import io.contiv.exporter.endpoint.EndpointDirectory;
import io.contiv.exporter.endpoint.EndpointDirectorySource;
import java.util.Optional;
import java.util.Set;

/** An endpoint directory that never changes: always this one, always version 1, and nothing to read again. */
public record FixedEndpointDirectory(EndpointDirectory directory) implements EndpointDirectorySource {

    @Override
    public Optional<EndpointDirectory> current() {
        return Optional.of(directory);
    }

    @Override
    public long version() {
        return 1;
    }

    @Override
    public void localEndpoints(Set<String> endpointIds) {
        // holds what it holds, whatever OVS shows
    }
}
