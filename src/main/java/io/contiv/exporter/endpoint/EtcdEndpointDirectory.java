package io.contiv.exporter.endpoint;

import io.contiv.exporter.etcd.DirectoryValues;
import io.contiv.exporter.FirstAttempt;
import io.contiv.exporter.etcd.EndpointState;
import io.contiv.exporter.etcd.EtcdDirectoryWatch;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The endpoint directory read straight from netmaster's endpoint state in etcd and kept current by a watch, so a
 * netplugin-mode exporter puts no load on netmaster at all.
 */
public final class EtcdEndpointDirectory implements EndpointDirectorySource {

    public static final String ENDPOINT_STATE_DIRECTORY = "/contiv.io/state/eps";

    private final FirstAttempt firstAttempt;
    private final Object lock = new Object();
    private EndpointDirectory directory;
    private long version;
    private final DirectoryValues<EndpointState> values =
            new DirectoryValues<>(EndpointState::parse, ENDPOINT_STATE_DIRECTORY, "endpoint state");

    public EtcdEndpointDirectory(FirstAttempt firstRead) {
        this.firstAttempt = firstRead;
    }

    /** Feed for {@link EtcdDirectoryWatch}: a new state of the endpoint directory. */
    public void accept(EtcdDirectoryWatch.Contents contents) {
        EndpointDirectory fresh = EndpointDirectory.of(values.parse(contents).stream()
                .map(EtcdEndpointDirectory::metadata).toList());
        synchronized (lock) {
            directory = fresh;
            version++;
        }
        firstAttempt.done();
    }

    /** Feed for {@link EtcdDirectoryWatch}: the watch lost etcd and will retry. */
    public void failed(Exception failure) {
        firstAttempt.done();
    }

    @Override
    public Optional<EndpointDirectory> current() {
        firstAttempt.await();
        synchronized (lock) {
            return Optional.ofNullable(directory);
        }
    }

    @Override
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    @Override
    public void refreshSoon() {
        // the watch delivers every change as it happens; there is nothing to ask for
    }

    private static EndpointMetadata metadata(EndpointState state) {
        return new EndpointMetadata(
                state.endpointId(),
                state.tenant(),
                state.network(),
                orEmpty(state.serviceName()),
                orEmpty(state.epCommonName()),
                orEmpty(state.containerId()),
                orEmpty(state.homingHost()),
                Stream.of(state.ipAddress(), state.ipv6Address()).filter(a -> a != null && !a.isEmpty()).toList(),
                orEmpty(state.macAddress()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
