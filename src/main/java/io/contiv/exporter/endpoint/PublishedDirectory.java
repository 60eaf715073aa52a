package io.contiv.exporter.endpoint;

import java.util.Optional;

/** The endpoint directory a source last published, and its version, read together by the collector's threads. */
final class PublishedDirectory {

    private EndpointDirectory directory;
    private long version;

    synchronized void publish(EndpointDirectory fresh) {
        directory = fresh;
        version++;
    }

    synchronized Optional<EndpointDirectory> current() {
        return Optional.ofNullable(directory);
    }

    synchronized long version() {
        return version;
    }

    synchronized boolean published() {
        return directory != null;
    }
}
